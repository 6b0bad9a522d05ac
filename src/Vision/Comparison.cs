namespace Photocollect.Vision;

/// <summary>The comparison of a photo with the admission photo (录取照片).</summary>
/// <param name="Score">Similarity of the two faces' embeddings, 0 (unrelated) to 1 (identical), or null when a face is missing.</param>
/// <param name="Same">Whether the score reaches the threshold ("same person").</param>
/// <param name="Cosine">The embeddings' raw cosine (the score is it, floored at 0).</param>
/// <param name="Error">Why there is no score: which image has no usable face or is not an image.</param>
public sealed record Comparison(double? Score, bool Same, double? Cosine, string? Error);
