"""What every feature's use cases share: the base of the API schemas and their field types
(``schemas``), form errors as the API reports them (``validation``), and the notices a use case
sends to later features and to mail (``notices``). Imports no other feature."""
