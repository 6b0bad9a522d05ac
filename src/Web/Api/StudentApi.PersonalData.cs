using System.Security.Claims;
using Microsoft.Extensions.Localization;
using Photocollect.Collection.Retention;

namespace Photocollect.Web.Api;

/// <summary>The student's own data in the student API (issue 16; PIPL arts. 45 and 47): what is held about them, and its
/// erasure with their account, as the 账号信息 page offers them.</summary>
public static partial class StudentApi
{
    /// <summary>What an erasure removed; the account is closed and the token no longer leads to any data.</summary>
    public sealed record ErasureView(bool Erased, RetentionCounts Removed);

    private static void MapPersonalData(RouteGroupBuilder student)
    {
        student.MapGet("/personal-data", PersonalDataAsync)
            .WithName("GetPersonalData").WithSummary("What is held about the student at this school: the account, each campaign's record (ID number masked), photos stored and since when, orders, the face consent time.")
            .Produces<HeldData>().ProblemCodes(404, "not_found");
        student.MapDelete("/personal-data", EraseAsync)
            .WithName("ErasePersonalData").WithSummary("Erases the student's data at this school and closes the account (confirm=true), unless an order is in progress; orders and payments stay with the personal fields blanked.")
            .Produces<ErasureView>().ProblemCodes(400, "confirm").ProblemCodes(404, "not_found")
            .ProblemCodes(409, "order_in_progress (with orders)");
    }

    private static async Task<IResult> PersonalDataAsync(ClaimsPrincipal user, HeldPersonalData personal, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken) =>
        await personal.HeldAsync(Account(user), cancellationToken) is { } held
            ? Results.Ok(held)
            : Problem(404, "not_found", text["Api.Problem.404"]);

    private static async Task<IResult> EraseAsync(bool? confirm, ClaimsPrincipal user, PersonalData personal, HeldPersonalData held, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        if (confirm != true)
        {
            return Problem(400, "confirm", text["Api.Erase.Confirm"]);
        }

        if (await held.HeldAsync(Account(user), cancellationToken) is null)
        {
            return Problem(404, "not_found", text["Api.Problem.404"]);
        }

        var result = await personal.EraseAsync(Account(user), cancellationToken);
        return result.Erased
            ? Results.Ok(new ErasureView(true, result.Removed!))
            : Problem(409, "order_in_progress", $"{text["Account.Erase.Refused"]} {text["Account.Erase.WhatToDo"]}",
                new Dictionary<string, object?> { ["orders"] = result.OrdersInProgress });
    }
}
