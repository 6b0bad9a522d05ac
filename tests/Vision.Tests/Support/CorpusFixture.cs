using Photocollect.VisionLab;

namespace Photocollect.Vision.Tests.Support;

/// <summary>The generated corpus (tools/VisionLab), built once per test class that asks for it.</summary>
public sealed class CorpusFixture
{
    private readonly Lazy<Corpus> _corpus = new(() => new Corpus(Path.GetDirectoryName(SharedData.Face("astronaut.png"))!));
    private readonly Lazy<IReadOnlyList<Sample>> _good;
    private readonly Lazy<IReadOnlyList<Sample>> _bad;

    public CorpusFixture()
    {
        _good = new(() => [.. Corpus.Good(), .. Corpus.GoodVariants()]);
        _bad = new(() => [.. Corpus.Bad()]);
    }

    public Corpus Corpus => _corpus.Value;

    public IReadOnlyList<Sample> Good => _good.Value;

    public IReadOnlyList<Sample> Bad => _bad.Value;
}
