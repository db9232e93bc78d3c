namespace CreatorStream.Redis;

/// <summary>
/// The Lua the store runs. A script runs atomically in Redis, so one <see cref="Commit"/> call applies a whole batch
/// (state, alerts, offsets) or nothing (docs/design.md, "Exactly once"). Every key is passed in KEYS and a task's keys share
/// one hash tag, so a commit runs on one Redis Cluster node as well as on a single server.
/// </summary>
internal static class Scripts
{
    /// <summary>
    /// KEYS: every key the commit touches, all of one task's hash tag (one Redis Cluster slot); operations name keys by
    /// their 1-based index in KEYS. ARGV: commits key index, writer, sequence, fence count, then (offsets key index,
    /// offset field, expected offset) triples, then operations, each an opcode and its arguments: I k field n (HINCRBY);
    /// D k field x (add a double, in Lua's IEEE doubles, written with 17 significant digits so it reads back exactly);
    /// S k field v (HSET); N k field v (HSETNX); G / L k field v (set if greater / less, or absent); U k n member… (sketch
    /// add); Z k score member (ZADD); E k seconds (EXPIRE); A hash order seq id json limit (alert upsert, oldest beyond
    /// limit dropped); T index retention bucketPrefix reachPrefix (drop buckets older than newest − retention: the bucket
    /// and sketch keys it deletes are named from the index, with the same tag, so they are in the same slot); Q k field v
    /// (a snapshot in one value: HSET, deleting the partition's snapshot in parts if it had one); P k field parts count
    /// manifest (a snapshot in parts: if the hash holds all its parts, keep it for good and name it in field|parts,
    /// deleting the partition's previous snapshot, one value or parts; else keep the previous and say so).
    /// Returns "OK", "REPEAT" (already applied), "PARTS_LOST" (applied, but a snapshot's parts were gone and the last
    /// snapshot stands), or an error starting "FENCED".
    /// </summary>
    public const string Commit = """
        local function key(i) return KEYS[tonumber(i)] end
        local commits = key(ARGV[1])
        local writer, seq = ARGV[2], tonumber(ARGV[3])
        if writer ~= '' then
          local last = tonumber(redis.call('HGET', commits, writer) or '0')
          if seq <= last then return 'REPEAT' end
        end
        local i = 5
        for _ = 1, tonumber(ARGV[4]) do
          local stored = redis.call('HGET', key(ARGV[i]), ARGV[i + 1]) or '-1'
          if stored ~= ARGV[i + 2] then
            return redis.error_reply('FENCED ' .. ARGV[i + 1] .. ' is at ' .. stored .. ', the commit expected ' .. ARGV[i + 2])
          end
          i = i + 3
        end
        if writer ~= '' then
          redis.call('HSET', commits, writer, seq)
          redis.call('EXPIRE', commits, 604800)
        end

        local function densify(k)
          local registers = {}
          for j = 1, 16384 do registers[j] = 0 end
          for _, m in ipairs(redis.call('SMEMBERS', k)) do
            local index = string.byte(m, 9) * 256 + string.byte(m, 10) + 1
            local rank = string.byte(m, 11)
            if rank > registers[index] then registers[index] = rank end
          end
          local parts = {}
          for j = 1, 16384, 4096 do parts[#parts + 1] = string.char(unpack(registers, j, j + 4095)) end
          redis.call('DEL', k)
          redis.call('SET', k, table.concat(parts))
        end

        local function sketch_add(k, first, last)
          if redis.call('TYPE', k)['ok'] == 'string' then
            for j = first, last do
              local m = ARGV[j]
              local index = string.byte(m, 9) * 256 + string.byte(m, 10)
              local rank = string.byte(m, 11)
              if string.byte(redis.call('GETRANGE', k, index, index)) < rank then
                redis.call('SETRANGE', k, index, string.char(rank))
              end
            end
          else
            for j = first, last do redis.call('SADD', k, ARGV[j]) end
            if redis.call('SCARD', k) > 1024 then densify(k) end
          end
        end

        local function drop_parts(k, field)
          local manifest = redis.call('HGET', k, field .. '|parts')
          if manifest then
            redis.call('DEL', string.sub(manifest, 1, string.find(manifest, '\n', 1, true) - 1))
            redis.call('HDEL', k, field .. '|parts')
          end
        end

        local lost = false
        while i <= #ARGV do
          local op = ARGV[i]
          if op == 'I' then
            redis.call('HINCRBY', key(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 3]); i = i + 4
          elseif op == 'D' then
            local k = key(ARGV[i + 1])
            local sum = tonumber(redis.call('HGET', k, ARGV[i + 2]) or '0') + tonumber(ARGV[i + 3])
            redis.call('HSET', k, ARGV[i + 2], string.format('%.17g', sum)); i = i + 4
          elseif op == 'S' then
            redis.call('HSET', key(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 3]); i = i + 4
          elseif op == 'Q' then
            drop_parts(key(ARGV[i + 1]), ARGV[i + 2])
            redis.call('HSET', key(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 3]); i = i + 4
          elseif op == 'P' then
            local k, field, parts = key(ARGV[i + 1]), ARGV[i + 2], key(ARGV[i + 3])
            if redis.call('HLEN', parts) == tonumber(ARGV[i + 4]) then
              drop_parts(k, field)
              redis.call('HDEL', k, field)
              redis.call('PERSIST', parts)
              redis.call('HSET', k, field .. '|parts', ARGV[i + 5])
            else
              lost = true
            end
            i = i + 6
          elseif op == 'N' then
            redis.call('HSETNX', key(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 3]); i = i + 4
          elseif op == 'G' or op == 'L' then
            local k = key(ARGV[i + 1])
            local current = redis.call('HGET', k, ARGV[i + 2])
            local value = tonumber(ARGV[i + 3])
            if not current or (op == 'G' and value > tonumber(current)) or (op == 'L' and value < tonumber(current)) then
              redis.call('HSET', k, ARGV[i + 2], ARGV[i + 3])
            end
            i = i + 4
          elseif op == 'U' then
            local n = tonumber(ARGV[i + 2])
            sketch_add(key(ARGV[i + 1]), i + 3, i + 2 + n); i = i + 3 + n
          elseif op == 'Z' then
            redis.call('ZADD', key(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 3]); i = i + 4
          elseif op == 'E' then
            redis.call('EXPIRE', key(ARGV[i + 1]), ARGV[i + 2]); i = i + 3
          elseif op == 'A' then
            local hash, order, id = key(ARGV[i + 1]), key(ARGV[i + 2]), ARGV[i + 4]
            if redis.call('HEXISTS', hash, id) == 0 then
              redis.call('ZADD', order, redis.call('INCR', key(ARGV[i + 3])), id)
            end
            redis.call('HSET', hash, id, ARGV[i + 5])
            local extra = redis.call('ZCARD', order) - tonumber(ARGV[i + 6])
            if extra > 0 then
              for _, old in ipairs(redis.call('ZRANGE', order, 0, extra - 1)) do redis.call('HDEL', hash, old) end
              redis.call('ZREMRANGEBYRANK', order, 0, extra - 1)
            end
            i = i + 7
          elseif op == 'T' then
            local index, retention = key(ARGV[i + 1]), tonumber(ARGV[i + 2])
            local newest = redis.call('ZREVRANGE', index, 0, 0, 'WITHSCORES')
            if #newest > 0 then
              local cutoff = tonumber(newest[2]) - retention
              for _, start in ipairs(redis.call('ZRANGEBYSCORE', index, '-inf', '(' .. cutoff)) do
                local bucket = ARGV[i + 3] .. start
                local seen = {}
                for _, field in ipairs(redis.call('HKEYS', bucket)) do
                  local scope = string.sub(field, 1, string.find(field, '|', 1, true) - 1)
                  if not seen[scope] then
                    seen[scope] = true
                    redis.call('DEL', ARGV[i + 4] .. start .. ':' .. scope)
                  end
                end
                redis.call('DEL', bucket)
              end
              redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. cutoff)
            end
            i = i + 5
          else
            return redis.error_reply('unknown operation ' .. tostring(op))
          end
        end
        if lost then return 'PARTS_LOST' end
        return 'OK'
        """;

    /// <summary>
    /// KEYS: a snapshot's parts hash (<see cref="RedisKeys.SnapshotParts"/>). ARGV: the part's number, its bytes, the time to
    /// live (s). Adds the part and (re)sets the hash's time to live in one step, so no crash leaves parts that never go:
    /// the commit that names them makes them permanent (<see cref="RedisSnapshotSink"/>).
    /// </summary>
    public const string SnapshotPart = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return 'OK'
        """;

    /// <summary>
    /// KEYS: a campaign's reviews hash and its audit trail. ARGV: flag id, the state the action was decided from, the state
    /// it leads to, the review's JSON, the audit entry's JSON, the TTL (s). Applies the action only if the flag is still in
    /// that state (a flag never reviewed is "open"); returns whether it did (1 or 0) and the flag's state after.
    /// </summary>
    public const string Review = """
        local stored = redis.call('HGET', KEYS[1], ARGV[1])
        local current = 'open'
        if stored then current = string.sub(stored, 1, string.find(stored, '\n', 1, true) - 1) end
        if current ~= ARGV[2] then return {0, current} end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. '\n' .. ARGV[4])
        redis.call('RPUSH', KEYS[2], ARGV[5])
        redis.call('EXPIRE', KEYS[1], ARGV[6])
        redis.call('EXPIRE', KEYS[2], ARGV[6])
        return {1, ARGV[3]}
        """;

    /// <summary>
    /// KEYS: a campaign's statement decisions hash and its audit trail (docs/design.md, "Commissions"). ARGV: statement
    /// id, the state it was decided from, the state it leads to, the decision's JSON, the TTL (s), the creator's id
    /// prefix ("anna|"), and the number of the creator's approved statements the decision was made against (-1: not
    /// checked, for a rejection). Applies it only if both still hold (a statement never decided is "draft"); returns
    /// whether it did (1 or 0) and the state after, or "changed" when the creator's approvals moved.
    /// </summary>
    public const string Decide = """
        local stored = redis.call('HGET', KEYS[1], ARGV[1])
        local current = 'draft'
        if stored then current = string.sub(stored, 1, string.find(stored, '\n', 1, true) - 1) end
        if current ~= ARGV[2] then return {0, current} end
        local expected = tonumber(ARGV[7])
        if expected >= 0 then
          local approvals = 0
          local all = redis.call('HGETALL', KEYS[1])
          for i = 1, #all, 2 do
            if string.sub(all[i], 1, #ARGV[6]) == ARGV[6] and string.sub(all[i + 1], 1, 9) == 'approved\n' then approvals = approvals + 1 end
          end
          if approvals ~= expected then return {0, 'changed'} end
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. '\n' .. ARGV[4])
        redis.call('RPUSH', KEYS[2], ARGV[4])
        redis.call('EXPIRE', KEYS[1], ARGV[5])
        redis.call('EXPIRE', KEYS[2], ARGV[5])
        return {1, ARGV[3]}
        """;

    /// <summary>
    /// KEYS: sketch keys. Returns, per key, its kind and content: "s" and the members of an exact sketch, "d" and the
    /// registers, or "n" and an empty list when the key does not exist.
    /// </summary>
    public const string ReadSketches = """
        local out = {}
        for _, key in ipairs(KEYS) do
          local kind = redis.call('TYPE', key)['ok']
          if kind == 'set' then
            out[#out + 1] = 's'; out[#out + 1] = redis.call('SMEMBERS', key)
          elseif kind == 'string' then
            out[#out + 1] = 'd'; out[#out + 1] = {redis.call('GET', key)}
          else
            out[#out + 1] = 'n'; out[#out + 1] = {}
          end
        end
        return out
        """;
}
