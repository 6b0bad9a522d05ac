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

/// <summary>The outcome of a submit.</summary>
public sealed record SubmitResult(Order? Order, string? Problem);
