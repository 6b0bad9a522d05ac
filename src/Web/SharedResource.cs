using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Photocollect.Web;

/// <summary>Marker type for the shared resource files <c>Resources/SharedResource*.resx</c>.</summary>
public sealed class SharedResource;
