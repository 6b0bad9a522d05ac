using System.Reflection;
using Microsoft.AspNetCore.DataProtection;

namespace Photocollect.Tenancy.Settings;

/// <summary>Marks a string property of a settings class as a secret: encrypted at rest, never shown back in full.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SecretAttribute : Attribute;
