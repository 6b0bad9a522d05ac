using Photocollect.Vision;
using Photocollect.Web;

if (args.Length > 0 && args[0] == "vision")
{
    // The image engine on files, for scripts and support staff: no web host, no database.
    return VisionCommandLine.Run(args[1..], Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddPhotocollect();

var app = builder.Build();
if (args.Contains("--schema-script"))
{
    // No `dotnet ef` here: this prints the model's CREATE script to diff against the migrations when writing a new one.
    Console.WriteLine(app.SchemaScript());
    return 0;
}

app.UsePhotocollect();
app.Run();
return 0;

/// <summary>Entry point; public for the test host.</summary>
public partial class Program;
