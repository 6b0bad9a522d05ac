using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Resolution;
using Photocollect.Tenancy.Settings;
using Photocollect.Grains.Orders;
using Photocollect.Web.Accounts;
using Photocollect.Web.Api;
using Photocollect.Web.Accounts.SmsLogin;
using Photocollect.Web.Collection;
using Photocollect.Web.Data;
using Photocollect.Web.Infrastructure;
using Photocollect.Web.Infrastructure.Database;
using Photocollect.Web.Infrastructure.Grains;
using Photocollect.Web.Infrastructure.DataProtection;
using Photocollect.Web.Infrastructure.Tenancy;
using Photocollect.Web.Payments;
using Photocollect.Web.Registry;
using Photocollect.Web.Seeding;
using Photocollect.Web.Sms;

namespace Photocollect.Web;

/// <summary>Marker type for the shared resource files <c>Resources/SharedResource*.resx</c>.</summary>
public sealed class SharedResource;
