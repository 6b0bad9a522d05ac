using AngleSharp;
using AngleSharp.Html.Dom;
using AngleSharp.Io;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>Parses pages and submits their real forms (anti-forgery token included), as a browser would.</summary>
public static class Html
{
    /// <summary>Parses a response body.</summary>
    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var content = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(r =>
        {
            r.Content(content);
            r.Address(response.RequestMessage!.RequestUri!);
            foreach (var header in response.Content.Headers)
            {
                r.Header(header.Key, string.Join(", ", header.Value));
            }
        });
        return (IHtmlDocument)document;
    }

    /// <summary>GET and parse.</summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, await ParseAsync(response));
    }

    /// <summary>
    /// Submits the form that holds <paramref name="submitSelector"/> by that button: every field of the form as
    /// rendered (hidden token too), overridden by <paramref name="values"/>, to the button's formaction or the
    /// form's action. A checkbox is sent only when checked, or when named in values with a non-null value.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitAsync(
        HttpClient client,
        IHtmlDocument page,
        string submitSelector,
        IDictionary<string, string?>? values = null)
    {
        var button = page.QuerySelector(submitSelector) as IHtmlElement
            ?? throw new InvalidOperationException($"No element {submitSelector} on {page.Url}");
        var form = button.Closest("form") as IHtmlFormElement ?? throw new InvalidOperationException($"{submitSelector} is not in a form");
        var fields = Fields(form, values);
        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        // A browser sends the clicked button's own name and value too.
        if (button.GetAttribute("name") is { Length: > 0 } buttonName && values?.ContainsKey(buttonName) != true)
        {
            fields.Add(new(buttonName, button.GetAttribute("value") ?? string.Empty));
        }

        var action = button.GetAttribute("formaction") ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? new Uri(page.Url) : new Uri(new Uri(page.Url), action);
        return client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Uploads a file through a multipart form, as a browser would: the form's other fields (anti-forgery token
    /// included, overridden by <paramref name="values"/>) plus <paramref name="fileField"/> carrying <paramref name="bytes"/>.
    /// </summary>
    public static Task<HttpResponseMessage> UploadAsync(
        HttpClient client,
        IHtmlDocument page,
        string formSelector,
        string fileField,
        string fileName,
        byte[] bytes,
        string contentType = "image/jpeg",
        bool chunked = false,
        IDictionary<string, string?>? values = null)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form {formSelector} on {page.Url}");
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in Fields(form, values))
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                content.Add(new StringContent(value), name);
            }
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        content.Add(file, fileField, fileName);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? new Uri(page.Url) : new Uri(new Uri(page.Url), action);
        // Chunked: no Content-Length announces the size; only reading the body finds it.
        var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Post, target) { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        return client.SendAsync(request);
    }

    // The fields a browser would send, less those named in values (the caller sends its own): no buttons, no file
    // inputs, checkboxes and radios only when checked, text areas, and each select's chosen option.
    private static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form, IDictionary<string, string?>? values)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var (name, value) = element switch
            {
                IHtmlInputElement input when input.Type is "submit" or "button" or "file" => (null, null),
                IHtmlInputElement input when input.Type is "checkbox" or "radio" && !input.IsChecked => (null, null),
                IHtmlInputElement input => (input.Name, input.Value),
                IHtmlTextAreaElement area => (area.Name, area.Value),
                IHtmlSelectElement select => (select.Name, select.Value),
                _ => (null, null),
            };
            if (!string.IsNullOrEmpty(name) && value is not null && values?.ContainsKey(name) != true)
            {
                fields.Add(new(name, value));
            }
        }

        return fields;
    }

    /// <summary>The trimmed text of the first match, or null.</summary>
    public static string? Text(this IHtmlDocument document, string selector) => document.QuerySelector(selector)?.TextContent.Trim();
}
