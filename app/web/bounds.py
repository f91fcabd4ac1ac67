"""The bounds an input model declares, as HTML attributes: the page and the API share one rule."""

from __future__ import annotations

from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from app.services.agendas import schemas as agenda_schemas
from app.services.links import schemas as link_schemas
from app.services.people import schemas as people_schemas
from app.services.plans import schemas as plan_schemas
from app.services.sessions import schemas as session_schemas

# Every feature's input models, looked up by name from the templates.
_SCHEMAS = (session_schemas, people_schemas, agenda_schemas, plan_schemas, link_schemas)

_ATTRIBUTES = (
    ("ge", "min"),
    ("le", "max"),
    ("min_length", "minlength"),
    ("max_length", "maxlength"),
)


def _model(name: str) -> type[BaseModel]:
    model: type[BaseModel] = next(getattr(m, name) for m in _SCHEMAS if hasattr(m, name))
    return model


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
    """The bounds of ``<model_name>.<name>`` (a model of a feature's ``schemas``) as an
    attribute string for a template."""
    model = _model(model_name)
    return " ".join(f'{key}="{value}"' for key, value in field_bounds(model, name).items())


def list_bounds(model: type[BaseModel], name: str) -> dict[str, Any]:
    """For a list field (a textarea, one entry per line): ``{"min": 1, "max": 10}`` lines and
    each line's ``{"minlength": 3, "maxlength": 200}``, as ``field_bounds`` names them."""
    info = model.model_fields[name]
    found: dict[str, Any] = {}
    for item in info.metadata:
        for attr, key in (("min_length", "min"), ("max_length", "max")):
            if getattr(item, attr, None) is not None:
                found[key] = getattr(item, attr)
    options = [info.annotation, *get_args(info.annotation)]
    lists = [arg for arg in options if get_origin(arg) is list]
    if lists:
        (entry,) = get_args(lists[0])
        for item in get_args(entry)[1:] if get_origin(entry) is Annotated else ():
            for attr, key in (("min_length", "minlength"), ("max_length", "maxlength")):
                if getattr(item, attr, None) is not None:
                    found[key] = getattr(item, attr)
    return found


def lines_hint(model_name: str, name: str, what: str = "entry") -> str:
    """“One rule per line: up to 10, each 3 to 200 characters.” from the model's bounds."""
    bounds = list_bounds(_model(model_name), name)
    parts = [f"One {what} per line"]
    if "max" in bounds:
        parts.append(f": up to {bounds['max']}")
    if "maxlength" in bounds:
        low = bounds.get("minlength", 0)
        span = f"{low} to {bounds['maxlength']}" if low else f"up to {bounds['maxlength']}"
        parts.append(f"{',' if 'max' in bounds else ':'} each {span} characters")
    return "".join(parts) + "."
