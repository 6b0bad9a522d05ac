using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Grains.Students;
using Photocollect.Tenancy;
using Photocollect.Vision;
using Photocollect.Data;
using Photocollect.Collection.Registry;

namespace Photocollect.Collection;

/// <summary>The outcome of a photo check.</summary>
public sealed record PhotoResult(Photo? Photo, CheckReport Report, string? Problem);
