"""The executive summary of one session: figures, the dependency map and its layout, exports."""
