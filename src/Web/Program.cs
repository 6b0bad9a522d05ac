using Photocollect.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddPhotocollect();

var app = builder.Build();
if (args.Contains("--schema-script"))
{
    // No `dotnet ef` here: this prints the model's CREATE script to diff against the migrations when writing a new one.
    Console.WriteLine(app.SchemaScript());
    return;
}

app.UsePhotocollect();
app.Run();

/// <summary>Entry point; public for the test host.</summary>
public partial class Program;
