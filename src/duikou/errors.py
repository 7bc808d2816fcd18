"""The few errors duikou raises on purpose.

Every message names the thing that was wrong and, where there is one, what to
do about it; the CLI prints it as one line and exits with the error's
``exit_code`` (2 for input the tool cannot use, 1 for everything else).
"""

__all__ = [
    "DuikouError",
    "InputError",
    "OutputError",
    "GraphError",
    "ConfigError",
    "QueryError",
    "ParameterError",
    "QueryTimeout",
    "EndpointError",
    "EndpointTimeout",
]


class DuikouError(Exception):
    """Base class: an expected failure with a message meant for users."""

    exit_code = 1


class InputError(DuikouError):
    """An input file or folder cannot be used (missing, empty, binary, bad encoding)."""

    exit_code = 2

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class OutputError(DuikouError):
    """The output folder cannot be written or would clobber something foreign."""

    exit_code = 2


class GraphError(DuikouError):
    """A built graph is missing or unreadable."""

    exit_code = 2


class ConfigError(DuikouError):
    """A setting (an option or an environment variable) has a value duikou cannot use."""

    exit_code = 2


class QueryError(DuikouError):
    """A query is unknown, does not parse, or cannot run."""

    exit_code = 2


class ParameterError(QueryError):
    """A parameter is unknown, missing, or not a value of its declared type."""


class QueryTimeout(QueryError):
    """A query did not finish within its time limit."""


class EndpointError(QueryError):
    """A SPARQL endpoint could not be used (unreachable, refused, or a bad query)."""


class EndpointTimeout(EndpointError):
    """The endpoint gave no answer within the time limit."""
