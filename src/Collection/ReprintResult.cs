using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Data;

namespace Photocollect.Collection;

/// <summary>The outcome of ordering reprints: the order, or a problem code (<c>Reprints.Problem.{code}</c>).</summary>
public sealed record ReprintResult(Order? Order, string? Problem);
