using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Where a bench's bytes are allocated (docs/benchmarks.md, session 34): the GCAllocationTick events of a
// `dotnet-trace collect --profile gc-verbose` trace (one about every 100 KB allocated, with its type and stack), summed by
// type and by type and the first frames in CreatorStream code. The bench's own work is set apart, so the shares are of
// the pipeline's bytes: a replay's reading of the file and decode-only pass, a live bench's generator, producer and
// bare-consumer ceiling. Allocations with no CreatorStream frame (the Kafka client's callbacks on its own threads) stay
// in, unattributed.
if (args.Length is < 1 or > 2 || (args.Length == 2 && !int.TryParse(args[1], out _)))
{
    Console.Error.WriteLine("usage: AllocSites TRACE.nettrace [TOP]");
    return 2;
}

var top = args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 25;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byType = new Dictionary<string, double>(StringComparer.Ordinal);
var bySite = new Dictionary<string, double>(StringComparer.Ordinal);
double pipeline = 0, bench = 0;
foreach (var traceEvent in log.Events)
{
    if (traceEvent is not GCAllocationTickTraceData tick)
    {
        continue;
    }

    var frames = new List<string>();
    var benchOwn = false;
    for (var frame = traceEvent.CallStack(); frame is not null && frames.Count < 40; frame = frame.Caller)
    {
        if (frame.CodeAddress.FullMethodName is { Length: > 0 } name && name.StartsWith("CreatorStream.", StringComparison.Ordinal))
        {
            benchOwn |= IsBenchOwn(name, innermost: frames.Count == 0);
            frames.Add(Shorten(name));
        }
    }

    var bytes = (double)tick.AllocationAmount64;
    if (benchOwn)
    {
        bench += bytes;
        continue;
    }

    pipeline += bytes;
    var type = tick.TypeName ?? "?";
    byType[type] = byType.GetValueOrDefault(type) + bytes;
    var site = $"{type}  <=  {string.Join(" <- ", frames.Take(3))}";
    bySite[site] = bySite.GetValueOrDefault(site) + bytes;
}

Console.WriteLine($"sampled: {pipeline / 1e6:N0} MB in the pipeline, {bench / 1e6:N0} MB in the bench's own work (left out below)");
if (pipeline == 0)
{
    Console.Error.WriteLine("no allocation in the pipeline was sampled: did the bench run?");
    return 1;
}

Console.WriteLine();
Console.WriteLine("by type:");
foreach (var (type, bytes) in byType.OrderByDescending(p => p.Value).Take(top))
{
    Console.WriteLine($"{bytes / pipeline * 100,6:F1} %  {type}");
}

Console.WriteLine();
Console.WriteLine("by type and the first frames in CreatorStream code:");
foreach (var (site, bytes) in bySite.OrderByDescending(p => p.Value).Take(top))
{
    Console.WriteLine($"{bytes / pipeline * 100,6:F1} %  {site}");
}

return 0;

// The bench's own work: the generator, the live bench's producer and ceiling, a replay's decode-only pass, and whatever
// the bench itself allocates (reading the file).
static bool IsBenchOwn(string method, bool innermost) =>
    method.StartsWith("CreatorStream.Simulation.", StringComparison.Ordinal)
    || method.Contains("RawKafkaCeiling", StringComparison.Ordinal)
    || method.Contains("LiveBench", StringComparison.Ordinal)
    || method.Contains("ReplayBench.DecodeOnly", StringComparison.Ordinal)
    || (innermost && method.StartsWith("CreatorStream.Bench.", StringComparison.Ordinal));

// "CreatorStream.Core.Dataflow.BrandProcessor.Count(class CreatorStream…)" -> "BrandProcessor.Count" (generic arguments dropped)
static string Shorten(string method)
{
    var name = new System.Text.StringBuilder();
    var depth = 0;
    foreach (var c in method.Split('(')[0])
    {
        depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        if (depth == 0 && c != ']')
        {
            name.Append(c);
        }
    }

    var parts = name.ToString().Split('.');
    return parts.Length >= 2 ? $"{parts[^2]}.{parts[^1]}" : name.ToString();
}
