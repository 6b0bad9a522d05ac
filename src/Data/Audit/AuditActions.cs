namespace Photocollect.Data;

/// <summary>The actions the audit trail records.</summary>
public static class AuditActions
{
    /// <summary>A staff or operator sign-in.</summary>
    public const string SignIn = "signin";

    /// <summary>A refused staff or operator sign-in.</summary>
    public const string SignInFailed = "signin.failed";

    /// <summary>A photo approved.</summary>
    public const string Approve = "order.approve";

    /// <summary>A photo rejected.</summary>
    public const string Reject = "order.reject";

    /// <summary>A refund asked for.</summary>
    public const string Refund = "order.refund";

    /// <summary>A student's record corrected on site.</summary>
    public const string RecordCorrection = "record.correct";

    /// <summary>Campaign settings saved.</summary>
    public const string CampaignSettings = "settings.campaign";

    /// <summary>Payment settings saved.</summary>
    public const string PaymentSettings = "settings.payments";

    /// <summary>An export or download of students' data.</summary>
    public const string Export = "export";

    /// <summary>A school API key created.</summary>
    public const string KeyCreated = "apikey.create";

    /// <summary>A school API key revoked.</summary>
    public const string KeyRevoked = "apikey.revoke";

    /// <summary>A roster imported (students' names and ID digits written in bulk).</summary>
    public const string RosterImport = "roster.import";

    /// <summary>A school suspended by the operator.</summary>
    public const string SchoolSuspended = "school.suspend";

    /// <summary>A school resumed by the operator.</summary>
    public const string SchoolResumed = "school.resume";

    /// <summary>A school onboarded by the operator.</summary>
    public const string SchoolCreated = "school.create";

    /// <summary>A school's name, hosts, branding or contact changed by the operator.</summary>
    public const string SchoolChanged = "school.update";

    /// <summary>A school's adapters (SMS, registry) changed by the operator.</summary>
    public const string SchoolAdapters = "settings.adapters";

    /// <summary>The platform's own WeChat Pay service-provider settings saved.</summary>
    public const string PlatformPaymentSettings = "settings.platform-payments";

    /// <summary>A staff invite link made.</summary>
    public const string InviteIssued = "invite.create";

    /// <summary>A staff account set up through an invite.</summary>
    public const string InviteAccepted = "invite.accept";

    /// <summary>A run of the retention purge (the system, at the platform level): what it removed per school, counts only.</summary>
    public const string RetentionPurge = "retention.purge";

    /// <summary>A student erased their personal data and account (recorded without their phone number).</summary>
    public const string PersonalDataErased = "personal.erase";

    /// <summary>The operator searched for a student across schools (support); the subject is the query, a phone masked.</summary>
    public const string SupportSearch = "support.search";

    /// <summary>The operator looked at one student's records, orders and SMS (support).</summary>
    public const string SupportView = "support.view";

    /// <summary>The operator sent a student's last notification again (support).</summary>
    public const string SupportResend = "support.resend";

    /// <summary>Every action, for the filter.</summary>
    public static IReadOnlyList<string> All { get; } =
        [SignIn, SignInFailed, Approve, Reject, Refund, RecordCorrection, CampaignSettings, PaymentSettings, Export, KeyCreated, KeyRevoked, RosterImport, SchoolSuspended, SchoolResumed,
         SchoolCreated, SchoolChanged, SchoolAdapters, PlatformPaymentSettings, InviteIssued, InviteAccepted, RetentionPurge, PersonalDataErased,
         SupportSearch, SupportView, SupportResend];
}
