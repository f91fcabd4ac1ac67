"""The bounds an input model declares, as HTML attributes: the page and the API share one rule."""

from __future__ import annotations

from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from app.services import schemas

_ATTRIBUTES = (
    ("ge", "min"),
    ("le", "max"),
    ("min_length", "minlength"),
    ("max_length", "maxlength"),
)


def field_bounds(model: type[BaseModel], name: str) -> dict[str, Any]:
    """``{"min": 1, "max": 200}`` or ``{"minlength": 3, "maxlength": 200}`` for one field.

    Constraints inside an optional type (``Annotated[str, …] | None``) count too. Length bounds
    of list fields are left out: a textarea's ``maxlength`` counts characters, not lines.
    """
    info = model.model_fields[name]
    found = list(info.metadata)
    for arg in get_args(info.annotation):
        if get_origin(arg) is Annotated:
            found += list(get_args(arg)[1:])
    is_list = get_origin(info.annotation) is list
    bounds: dict[str, Any] = {}
    for item in found:
        for attr, key in _ATTRIBUTES:
            value = getattr(item, attr, None)
            if value is not None and not (is_list and key.endswith("length")):
                bounds[key] = value
    return bounds


def model_bounds(model_name: str, name: str) -> str:
    """The bounds of ``schemas.<model_name>.<name>`` as an attribute string for a template."""
    model = getattr(schemas, model_name)
    return " ".join(f'{key}="{value}"' for key, value in field_bounds(model, name).items())
