using System.Buffers.Binary;
using CreatorStream.Core.Sketches;
using StackExchange.Redis;

namespace CreatorStream.Redis;

/// <summary>Reads reach sketches back from Redis (<see cref="Scripts.ReadSketches"/>): exact member sets or registers.</summary>
internal static class SketchReader
{
    public static async Task<HyperLogLog[]> ReadAsync(IDatabase db, RedisKey[] keys)
    {
        if (keys.Length == 0)
        {
            return [];
        }

        var reply = (RedisResult[])(await db.ScriptEvaluateAsync(Scripts.ReadSketches, keys))!;
        var sketches = new HyperLogLog[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var kind = (string)reply[2 * i]!;
            var payload = (RedisResult[])reply[(2 * i) + 1]!;
            sketches[i] = kind switch
            {
                "s" => HyperLogLog.FromHashes(payload.Select(m => BinaryPrimitives.ReadUInt64BigEndian((byte[])m!))),
                "d" => HyperLogLog.FromRegisters((byte[])payload[0]!),
                _ => new HyperLogLog(),
            };
        }

        return sketches;
    }
}
