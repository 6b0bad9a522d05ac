using System.Globalization;
using Photocollect.BenchKit;
using Photocollect.WebBench;

// `./photocollect bench web` starts `hello --port N` (the ceiling) as a process of its own, then the bench against
// the product it started: `--url --hello --db` and the options in README.md.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.FirstOrDefault() == "hello")
{
    await Hello.RunAsync(BenchOptions.Parse(args).Number("port"));
    return 0;
}

return await BenchRun.RunAsync(Settings.From(args));
