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
using Photocollect.Accounts;
using Photocollect.Web.Api;
using Photocollect.Accounts.SmsLogin;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Web.Infrastructure;
using Photocollect.Data.Migrations;
using Photocollect.Web.Silo;
using Photocollect.Data.DataProtection;
using Photocollect.Data.Tenancy;
using Photocollect.Payments;
using Photocollect.Collection.Registry;
using Photocollect.Web.Seeding;
using Photocollect.Sms;

namespace Photocollect.Web;

/// <summary>Marker type for the shared resource files <c>Resources/SharedResource*.resx</c>.</summary>
public sealed class SharedResource;
