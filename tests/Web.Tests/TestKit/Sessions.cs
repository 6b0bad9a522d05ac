using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>Signing people in through the real pages, shared by the page tests.</summary>
public static class Sessions
{
    /// <summary>The newest login code the dev outbox delivered to <paramref name="phone"/> at a school.</summary>
    public static Task<string> LatestCodeAsync(this AppFactory app, string slug, string phone) => app.InSchoolAsync(slug, async sp =>
        Outbox.CodeIn(await sp.GetRequiredService<AppDbContext>().SmsOutbox.Where(m => m.Phone == phone)
            .OrderByDescending(m => m.CreatedAt).Select(m => m.Text).FirstAsync()));

    /// <summary>A browser signed in as a (new or existing) student of a school: agreement ticked, code sent and entered.</summary>
    public static async Task<HttpClient> StudentAsync(this AppFactory app, string slug, string phone)
    {
        var browser = app.Browser();
        var (_, login) = await Html.GetAsync(browser, $"/s/{slug}/login");
        var sent = await Html.ParseAsync(await Html.SubmitAsync(browser, login, "[data-test=send-code]",
            new Dictionary<string, string?> { ["Phone"] = phone, ["Agree"] = "true" }));
        var verified = await Html.SubmitAsync(browser, sent, "[data-test=verify]",
            new Dictionary<string, string?> { ["Phone"] = phone, ["Code"] = await app.LatestCodeAsync(slug, phone), ["Agree"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        return browser;
    }

    /// <summary>A JSON API client signed in as a student of a school (SMS code, then a bearer token): new, or the one of
    /// <paramref name="phone"/>.</summary>
    public static async Task<HttpClient> ApiStudentAsync(this AppFactory app, string slug, string? phone = null)
    {
        var client = app.CreateClient();
        phone ??= AppFactory.NewPhone();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/s/{slug}/api/v1/auth/code", new { phone })).StatusCode);
        var answer = await client.PostAsJsonAsync($"/s/{slug}/api/v1/auth/token", new { phone, code = await app.LatestCodeAsync(slug, phone), agree = true });
        Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        var token = await answer.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Posts the staff sign-in form of a school (or, with no slug, of the platform).</summary>
    public static async Task<HttpResponseMessage> StaffSignInAsync(HttpClient browser, string? slug, string email, string password)
    {
        var prefix = slug is null ? "" : $"/s/{slug}";
        var (_, form) = await Html.GetAsync(browser, prefix + "/staff/login");
        return await Html.SubmitAsync(browser, form, "[data-test=staff-login]",
            new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });
    }

    /// <summary>A browser signed in as a demo staff member (or operator, with no slug).</summary>
    public static async Task<HttpClient> StaffAsync(this AppFactory app, string? slug, string email)
    {
        var browser = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await StaffSignInAsync(browser, slug, email, AppFactory.Password)).StatusCode);
        return browser;
    }
}
