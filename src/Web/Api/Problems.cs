using Forgetless.Training.Datasets;

namespace Forgetless.Web.Api;

/// <summary>RFC 7807 problem details for the API's error answers.</summary>
public static class Problems
{
    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Forbidden(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static IResult Conflict(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static IResult TooLarge(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");

    public static IResult UnsupportedMediaType(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors.ToDictionary(), title: "The request is invalid");

    /// <summary>A rejected dataset: the parser's errors as <c>errors: [{ line, field, message }]</c>, the first one in <c>detail</c>.</summary>
    public static IResult Rejected(string detail, IReadOnlyList<ParseError> errors) => Results.Problem(
        detail,
        statusCode: StatusCodes.Status400BadRequest,
        title: "The dataset was rejected",
        extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { line = e.Line, field = e.Field, message = e.Message, text = e.ToString() }).ToList() });
}
