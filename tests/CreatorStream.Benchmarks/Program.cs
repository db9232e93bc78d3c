using BenchmarkDotNet.Running;

// The hot path's micro-benchmarks (issue 8). `dotnet run -c Release --project tests/CreatorStream.Benchmarks -- --filter '*'`;
// `-- alloc-profile` prints which types the processor allocates (CreatorStream.Benchmarks.AllocationProfile).
if (args is ["alloc-profile"])
{
    CreatorStream.Benchmarks.AllocationProfile.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CreatorStream.Benchmarks.Traffic).Assembly).Run(args);
