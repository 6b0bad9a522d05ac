namespace Photocollect.VisionLab;

/// <summary>The vision benchmark (filled in below).</summary>
public static class Bench
{
    /// <summary>Runs it.</summary>
    public static Task<int> RunAsync(Corpus corpus, string[] args) => Task.FromResult(corpus.People.Count > 0 && args.Length >= 0 ? 0 : 1);
}
