using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Collection;
using Photocollect.Collection.Retention;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff.Admin;

/// <summary>
/// The school's campaign of a kind (graduation collection or freshman upload, <c>?kind=</c>): window (China time),
/// prices, levels, capture and verification rules, support contact and the vision thresholds it changes.
/// </summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class CampaignModel(AppDbContext db, TimeProvider clock, AuditTrail audit) : PageModel
{
    /// <summary>Levels a campaign may offer.</summary>
    public static readonly string[] AllLevels = ["专科", "本科", "硕士研究生", "博士研究生"];

    /// <summary>The form.</summary>
    public sealed class Form
    {
        /// <summary>Name.</summary>
        public string Name { get; set; } = "";

        /// <summary>Feature code.</summary>
        public string FeatureCode { get; set; } = "";

        /// <summary>Start, China time (datetime-local).</summary>
        public string StartsAt { get; set; } = "";

        /// <summary>End, China time.</summary>
        public string EndsAt { get; set; } = "";

        /// <summary>Price in yuan.</summary>
        public decimal Price { get; set; }

        /// <summary>Reprint price in yuan.</summary>
        public decimal ReprintPrice { get; set; }

        /// <summary>Levels.</summary>
        public List<string> Levels { get; set; } = [];

        /// <summary>Capture mode.</summary>
        public CaptureMode CaptureMode { get; set; }

        /// <summary>Verification.</summary>
        public VerificationMode Verification { get; set; }

        /// <summary>Live camera only.</summary>
        public bool LiveCameraOnly { get; set; }

        /// <summary>Rear camera hint.</summary>
        public bool RearCameraHint { get; set; }

        /// <summary>Compare with admission photo.</summary>
        public bool CompareWithAdmission { get; set; }

        /// <summary>Comparison threshold.</summary>
        public double ComparisonThreshold { get; set; }

        /// <summary>Minutes to pay.</summary>
        public int PayWithinMinutes { get; set; }

        /// <summary>Support phone.</summary>
        public string SupportPhone { get; set; } = "";

        /// <summary>Support hours.</summary>
        public string SupportHours { get; set; } = "";

        /// <summary>Agreement text.</summary>
        public string AgreementText { get; set; } = "";

        /// <summary>Days the uploads are kept after delivery (text as typed, so a wrong value is shown back as it was).</summary>
        public string? SourcePhotoDays { get; set; }

        /// <summary>Days the admission photos are kept after delivery.</summary>
        public string? AdmissionPhotoDays { get; set; }

        /// <summary>Days after the window end the standard photos are kept; empty: to the end of the campaign year.</summary>
        public string? StandardPhotoDays { get; set; }

        /// <summary>Days after the window end the ID numbers are kept; empty: to the end of the campaign year.</summary>
        public string? IdNumberDays { get; set; }

        /// <summary>Days after the window end the phone numbers are kept; empty: to the end of the campaign year.</summary>
        public string? PhoneDays { get; set; }
    }

    /// <summary>The retention fields: the form's name, whether it may be left empty (end of the campaign year).</summary>
    public static readonly (string Field, bool Optional)[] RetentionFields =
        [("SourcePhotoDays", false), ("AdmissionPhotoDays", false), ("StandardPhotoDays", true), ("IdNumberDays", true), ("PhoneDays", true)];

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Which campaign.</summary>
    [BindProperty(SupportsGet = true)]
    public CampaignKind Kind { get; set; }

    /// <summary>The form's values.</summary>
    [BindProperty]
    public Form Input { get; set; } = new();

    /// <summary>Vision thresholds the school changes, by <see cref="SchoolThresholds.Fields"/> key; empty is the default.</summary>
    [BindProperty]
    public Dictionary<string, string?> Thresholds { get; set; } = [];

    /// <summary>Problems (resource keys).</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Threshold keys whose values are wrong.</summary>
    public IReadOnlyList<string> InvalidThresholds { get; private set; } = [];

    /// <summary>Retention fields whose values are wrong (their names in <see cref="RetentionFields"/>).</summary>
    public List<string> InvalidRetention { get; } = [];

    /// <summary>The end of the campaign year of the campaign shown, China time (for the retention fields' hint), or empty.</summary>
    public string YearEnd { get; private set; } = "";

    /// <summary>Saved.</summary>
    public bool Saved { get; private set; }

    /// <summary>Shows the campaign.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var c = await CampaignAsync(cancellationToken);
        Thresholds = SchoolThresholds.Overrides(c?.VisionThresholds)
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString(CultureInfo.InvariantCulture));
        YearEnd = c is null ? "" : RetentionPeriods.YearEnd(c).ToOffset(China).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Input = c is null ? new Form { Levels = ["本科"], RearCameraHint = true, CompareWithAdmission = true, ComparisonThreshold = Photocollect.Vision.FaceComparison.DefaultThreshold, PayWithinMinutes = 30, SourcePhotoDays = "30", AdmissionPhotoDays = "30" } : new Form
        {
            Name = c.Name,
            FeatureCode = c.FeatureCode,
            StartsAt = Local(c.StartsAt),
            EndsAt = Local(c.EndsAt),
            Price = c.PriceFen / 100m,
            ReprintPrice = c.ReprintPriceFen / 100m,
            Levels = c.Levels,
            CaptureMode = c.CaptureMode,
            Verification = c.Verification,
            LiveCameraOnly = c.LiveCameraOnly,
            RearCameraHint = c.RearCameraHint,
            CompareWithAdmission = c.CompareWithAdmission,
            ComparisonThreshold = c.ComparisonThreshold,
            PayWithinMinutes = c.PayWithinMinutes,
            SupportPhone = c.SupportPhone,
            SupportHours = c.SupportHours,
            AgreementText = c.AgreementText,
            SourcePhotoDays = Days(c.SourcePhotoRetentionDays),
            AdmissionPhotoDays = Days(c.AdmissionPhotoRetentionDays),
            StandardPhotoDays = Days(c.StandardPhotoRetentionDays),
            IdNumberDays = Days(c.IdNumberRetentionDays),
            PhoneDays = Days(c.PhoneRetentionDays),
        };
    }

    /// <summary>Validates and saves.</summary>
    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        var i = Input;
        // An empty field binds as null: every text is trimmed to "" at least.
        i.Name = i.Name?.Trim() ?? "";
        i.FeatureCode = i.FeatureCode?.Trim() ?? "";
        i.SupportPhone = i.SupportPhone?.Trim() ?? "";
        i.SupportHours = i.SupportHours?.Trim() ?? "";
        i.AgreementText = i.AgreementText?.Trim() ?? "";
        var starts = Parse(i.StartsAt);
        var ends = Parse(i.EndsAt);
        if (i.Name.Length is 0 or > 100) Errors.Add("Campaign.Error.Name");
        if (i.FeatureCode.Length != 6 || !i.FeatureCode.All(char.IsAsciiLetterOrDigit)) Errors.Add("Campaign.Error.FeatureCode");
        if (starts is null || ends is null) Errors.Add("Campaign.Error.Dates");
        else if (ends <= starts) Errors.Add("Campaign.Error.Order");
        if (i.Price is < 0 or > 10000 || decimal.Round(i.Price, 2) != i.Price || i.ReprintPrice is < 0 or > 10000 || decimal.Round(i.ReprintPrice, 2) != i.ReprintPrice) Errors.Add("Campaign.Error.Price");
        i.Levels = i.Levels.Where(AllLevels.Contains).Distinct().ToList();
        if (i.Levels.Count == 0) Errors.Add("Campaign.Error.Levels");
        if (i.ComparisonThreshold is < 0 or > 1) Errors.Add("Campaign.Error.Threshold");
        if (i.PayWithinMinutes is < 5 or > 1440) Errors.Add("Campaign.Error.PayWithin");
        if (i.SupportPhone.Length > 40 || i.SupportHours.Length > 100) Errors.Add("Campaign.Error.Support");
        if (!Enum.IsDefined(i.CaptureMode) || !Enum.IsDefined(i.Verification) || !Enum.IsDefined(Kind)) Errors.Add("Campaign.Error.Mode");
        var (thresholds, invalid) = SchoolThresholds.Parse(Thresholds);
        InvalidThresholds = invalid;
        var sourceDays = Retention(nameof(Form.SourcePhotoDays), i.SourcePhotoDays, optional: false);
        var admissionDays = Retention(nameof(Form.AdmissionPhotoDays), i.AdmissionPhotoDays, optional: false);
        var standardDays = Retention(nameof(Form.StandardPhotoDays), i.StandardPhotoDays, optional: true);
        var idDays = Retention(nameof(Form.IdNumberDays), i.IdNumberDays, optional: true);
        var phoneDays = Retention(nameof(Form.PhoneDays), i.PhoneDays, optional: true);
        if (Errors.Count > 0 || invalid.Count > 0 || InvalidRetention.Count > 0)
        {
            return;
        }

        var c = await CampaignAsync(cancellationToken);
        if (c is null)
        {
            c = new Campaign { Id = Guid.CreateVersion7(), Name = i.Name, Kind = Kind, CreatedAt = clock.GetUtcNow() };
            db.Campaigns.Add(c);
        }
        else
        {
            db.Campaigns.Attach(c);
        }

        c.Name = i.Name;
        c.FeatureCode = i.FeatureCode;
        c.StartsAt = starts!.Value;
        c.EndsAt = ends!.Value;
        c.PriceFen = (long)(i.Price * 100);
        c.ReprintPriceFen = (long)(i.ReprintPrice * 100);
        c.Levels = i.Levels;
        c.CaptureMode = i.CaptureMode;
        c.Verification = i.Verification;
        c.LiveCameraOnly = i.LiveCameraOnly;
        c.RearCameraHint = i.RearCameraHint;
        c.CompareWithAdmission = i.CompareWithAdmission;
        c.ComparisonThreshold = i.ComparisonThreshold;
        c.PayWithinMinutes = i.PayWithinMinutes;
        c.SupportPhone = i.SupportPhone;
        c.SupportHours = i.SupportHours;
        c.AgreementText = i.AgreementText;
        c.VisionThresholds = thresholds;
        c.SourcePhotoRetentionDays = sourceDays!.Value;
        c.AdmissionPhotoRetentionDays = admissionDays!.Value;
        c.StandardPhotoRetentionDays = standardDays;
        c.IdNumberRetentionDays = idDays;
        c.PhoneRetentionDays = phoneDays;
        // Shown back as stored (" 400 " becomes "400").
        i.SourcePhotoDays = Days(sourceDays);
        i.AdmissionPhotoDays = Days(admissionDays);
        i.StandardPhotoDays = Days(standardDays);
        i.IdNumberDays = Days(idDays);
        i.PhoneDays = Days(phoneDays);
        // The trail names each field that changed, with the value before and after (settings, no personal data).
        db.ChangeTracker.DetectChanges();
        var entry = db.Entry(c);
        var created = entry.State == EntityState.Added;
        var changes = entry.Properties.Where(p => created || p.IsModified)
            .ToDictionary(p => p.Metadata.Name, p => new { from = created ? null : p.OriginalValue, to = p.CurrentValue });
        await db.SaveChangesAsync(cancellationToken);
        if (changes.Count > 0)
        {
            await audit.RecordAsync(AuditActions.CampaignSettings, c.Name, new { created, changes }, cancellationToken);
        }

        Saved = true;
        YearEnd = RetentionPeriods.YearEnd(c).ToOffset(China).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    // A retention period: whole days, 0 to ten years; an optional one may be left empty (the end of the campaign year).
    // A wrong value is listed and kept in the form as typed.
    private int? Retention(string field, string? text, bool optional)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) && optional)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= RetentionPeriods.MaxDays)
        {
            return days;
        }

        InvalidRetention.Add(field);
        return null;
    }

    private static string? Days(int? days) => days?.ToString(CultureInfo.InvariantCulture);

    private Task<Campaign?> CampaignAsync(CancellationToken cancellationToken) =>
        db.Campaigns.AsNoTracking().Where(c => c.Kind == Kind).OrderByDescending(c => c.StartsAt).FirstOrDefaultAsync(cancellationToken);

    private static string Local(DateTimeOffset at) => at.ToOffset(China).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string? text) =>
        DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, China).ToUniversalTime()
            : null;
}
