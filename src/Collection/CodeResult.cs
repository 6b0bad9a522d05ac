using Microsoft.EntityFrameworkCore;
using Photocollect.Collection.Registry;

namespace Photocollect.Collection;

/// <summary>The outcome of reading a code.</summary>
public sealed record CodeResult(RegistryRecord? Record, CodeProblem? Problem);
