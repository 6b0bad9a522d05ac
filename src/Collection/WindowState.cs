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

/// <summary>Where a campaign's window stands.</summary>
public enum WindowState
{
    /// <summary>Not open yet.</summary>
    NotStarted,

    /// <summary>Open.</summary>
    Open,

    /// <summary>Closed.</summary>
    Ended,
}
