using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Storage;
using Orleans.Runtime;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Tests.Infrastructure;

/// <summary>Which exceptions are answers (and which status), and which are faults of ours (500).</summary>
public sealed class ExceptionStatusShould
{
    public static TheoryData<Exception, int?> Cases() => new()
    {
        { new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge), 413 },
        { new RetryLimitExceededException("db away", new TimeoutException()), 503 },
        // A silo killed and not yet declared dead: its grains cannot be reached for a few seconds.
        { new SiloUnavailableException("silo gone"), 503 },
        { new Orleans.Runtime.Messaging.ConnectionFailedException("Unable to connect to endpoint S127.0.0.1:11111:0"), 503 },
        { new InvalidOperationException("outer", new SiloUnavailableException("inner")), 503 },
        { new InvalidOperationException("a bug"), null },
        { new TimeoutException("not ours to guess"), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnswerWhatIsAnAnswerAndLeaveFaultsTo500(Exception exception, int? status) =>
        Assert.Equal(status, ExceptionStatus.StatusOf(exception));
}
