using System.Globalization;
using Photocollect.BenchKit;
using Photocollect.WebBench;

// `./photocollect bench web` starts `hello --port N` (the ceiling) as a process of its own, then the bench against
// the product it started: `--url --hello --db --pid` and the options in README.md.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.FirstOrDefault() == "hello")
{
    await Hello.RunAsync(BenchOptions.Parse(args).Number("port"));
    return 0;
}

try
{
    return await BenchRun.RunAsync(Settings.From(args));
}
catch (InvalidOperationException e)
{
    // The set-up failed (or the bench itself did): no table, since its figures would measure something else.
    Console.Error.WriteLine($"[web] the bench failed: {e.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("[web] the bench ran past its time budget and was stopped");
    return 3;
}
