using System.Net.Http.Headers;
using System.Text;

namespace Forgetless.Web.Tests;

/// <summary>Small dataset bodies for upload tests.</summary>
public static class Uploads
{
    public const string Alpaca = """
        {"instruction": "Add 2 and 3.", "input": "", "output": "2 plus 3 is 5."}
        {"instruction": "Name a colour.", "input": "", "output": "Blue is a colour."}
        """;

    public const string Preference = """
        {"prompt": "What is 2+2?", "chosen": "4", "rejected": "It is four, I think."}
        {"prompt": "What is 3+3?", "chosen": "6", "rejected": "Probably six."}
        """;

    public static HttpContent Raw(string text) => Raw(Encoding.UTF8.GetBytes(text));

    public static HttpContent Raw(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return content;
    }
}
