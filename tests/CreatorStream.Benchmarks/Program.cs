using BenchmarkDotNet.Running;

// The hot path's micro-benchmarks (issue 8). `dotnet run -c Release --project tests/CreatorStream.Benchmarks -- --filter '*'`;
// `-- alloc-profile` prints which types the processor allocates (CreatorStream.Benchmarks.AllocationProfile).
if (args is ["alloc-profile"])
{
    CreatorStream.Benchmarks.AllocationProfile.Run(Console.Out);
    return;
}

// `-- alloc-steady [HOURS] [EVENTS_PER_SECOND]` prints the bytes a record costs hour by hour, past the day-long
// horizons (CreatorStream.Benchmarks.SteadyAllocation).
if (args is ["alloc-steady", ..])
{
    CreatorStream.Benchmarks.SteadyAllocation.Run(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 26, args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CreatorStream.Benchmarks.Traffic).Assembly).Run(args);
