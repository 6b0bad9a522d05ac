using Photocollect.BenchKit;

namespace Photocollect.WebBench;

/// <summary>How an upload through a page's form went, as the student saw it.</summary>
/// <param name="Answer">The page it ended on (the result page), or the failed request.</param>
/// <param name="FromLastByte">From the first try's last byte to the end of the page's HTML; null when it failed.</param>
/// <param name="FromStart">From the first try's first byte to the same end; null when it failed.</param>
/// <param name="Busy">Tries the product answered 503 busy (Retry-After) and the page's script sent again.</param>
public sealed record UploadResult(Answer Answer, TimeSpan? FromLastByte, TimeSpan? FromStart, int Busy);
