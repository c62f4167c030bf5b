using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Forgetless.Web.Api;

/// <summary>
/// Paging headers on a list answer: the number of matches as <c>X-Total-Count</c>, and RFC 8288 <c>Link</c> addresses of the
/// next and previous pages that keep the rest of the query (search, sort, …).
/// </summary>
public static class PageLinks
{
    public const string TotalCountHeader = "X-Total-Count";

    public static void Add(HttpContext http, int total, int skip, int take)
    {
        http.Response.Headers[TotalCountHeader] = total.ToString(CultureInfo.InvariantCulture);
        var links = new List<string>();
        if (skip + take < total) links.Add(Link(http.Request, skip + take, take, "next"));
        if (skip > 0) links.Add(Link(http.Request, Math.Max(0, skip - take), take, "prev"));
        if (links.Count > 0) http.Response.Headers.Link = string.Join(", ", links);
    }

    private static string Link(HttpRequest request, int skip, int take, string rel)
    {
        var rest = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => !q.Key.Equals("skip", StringComparison.OrdinalIgnoreCase) && !q.Key.Equals("take", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? "")));
        var query = new QueryBuilder(rest) { { "skip", skip.ToString(CultureInfo.InvariantCulture) }, { "take", take.ToString(CultureInfo.InvariantCulture) } };
        return $"<{request.PathBase}{request.Path}{query.ToQueryString()}>; rel=\"{rel}\"";
    }
}
