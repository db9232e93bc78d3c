namespace CreatorStream.Redis;

/// <summary>
/// The Lua the store runs. A script runs atomically in Redis, so one <see cref="Commit"/> call applies a whole batch
/// (state, alerts, offsets) or nothing (DESIGN.md section 3, decision 0006). Keys are passed in ARGV, built from one
/// prefix: the store targets one Redis server (or a primary with replicas), not a Redis Cluster.
/// </summary>
internal static class Scripts
{
    /// <summary>
    /// ARGV: offsets key, commits key, writer, sequence, fence count, then (offset field, expected offset) pairs, then operations, each an opcode
    /// and its arguments: I key field n (HINCRBY); D key field x (add a double, in Lua's IEEE doubles, written with 17
    /// significant digits so it reads back exactly); S key field v (HSET); N key field v (HSETNX); G / L key field v (set
    /// if greater / less, or absent); U key n member… (sketch add); Z key score member (ZADD); E key seconds (EXPIRE);
    /// M key member (SADD); A hash order seq id json limit (alert upsert, oldest beyond limit dropped);
    /// T index retention bucketPrefix reachPrefix (drop buckets older than newest − retention).
    /// Returns "OK", "REPEAT" (already applied), or an error starting "FENCED".
    /// </summary>
    public const string Commit = """
        local offsets, commits = ARGV[1], ARGV[2]
        local writer, seq = ARGV[3], tonumber(ARGV[4])
        if writer ~= '' then
          local last = tonumber(redis.call('HGET', commits, writer) or '0')
          if seq <= last then return 'REPEAT' end
        end
        local i = 6
        for _ = 1, tonumber(ARGV[5]) do
          local stored = redis.call('HGET', offsets, ARGV[i]) or '-1'
          if stored ~= ARGV[i + 1] then
            return redis.error_reply('FENCED ' .. ARGV[i] .. ' is at ' .. stored .. ', the commit expected ' .. ARGV[i + 1])
          end
          i = i + 2
        end
        if writer ~= '' then
          redis.call('HSET', commits, writer, seq)
          redis.call('EXPIRE', commits, 604800)
        end

        local function densify(key)
          local registers = {}
          for j = 1, 16384 do registers[j] = 0 end
          for _, m in ipairs(redis.call('SMEMBERS', key)) do
            local index = string.byte(m, 9) * 256 + string.byte(m, 10) + 1
            local rank = string.byte(m, 11)
            if rank > registers[index] then registers[index] = rank end
          end
          local parts = {}
          for j = 1, 16384, 4096 do parts[#parts + 1] = string.char(unpack(registers, j, j + 4095)) end
          redis.call('DEL', key)
          redis.call('SET', key, table.concat(parts))
        end

        local function sketch_add(key, first, last)
          if redis.call('TYPE', key)['ok'] == 'string' then
            for j = first, last do
              local m = ARGV[j]
              local index = string.byte(m, 9) * 256 + string.byte(m, 10)
              local rank = string.byte(m, 11)
              if string.byte(redis.call('GETRANGE', key, index, index)) < rank then
                redis.call('SETRANGE', key, index, string.char(rank))
              end
            end
          else
            for j = first, last do redis.call('SADD', key, ARGV[j]) end
            if redis.call('SCARD', key) > 1024 then densify(key) end
          end
        end

        while i <= #ARGV do
          local op = ARGV[i]
          if op == 'I' then
            redis.call('HINCRBY', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]); i = i + 4
          elseif op == 'D' then
            local sum = tonumber(redis.call('HGET', ARGV[i + 1], ARGV[i + 2]) or '0') + tonumber(ARGV[i + 3])
            redis.call('HSET', ARGV[i + 1], ARGV[i + 2], string.format('%.17g', sum)); i = i + 4
          elseif op == 'S' then
            redis.call('HSET', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]); i = i + 4
          elseif op == 'N' then
            redis.call('HSETNX', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]); i = i + 4
          elseif op == 'G' or op == 'L' then
            local current = redis.call('HGET', ARGV[i + 1], ARGV[i + 2])
            local value = tonumber(ARGV[i + 3])
            if not current or (op == 'G' and value > tonumber(current)) or (op == 'L' and value < tonumber(current)) then
              redis.call('HSET', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3])
            end
            i = i + 4
          elseif op == 'U' then
            local n = tonumber(ARGV[i + 2])
            sketch_add(ARGV[i + 1], i + 3, i + 2 + n); i = i + 3 + n
          elseif op == 'Z' then
            redis.call('ZADD', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]); i = i + 4
          elseif op == 'E' then
            redis.call('EXPIRE', ARGV[i + 1], ARGV[i + 2]); i = i + 3
          elseif op == 'M' then
            redis.call('SADD', ARGV[i + 1], ARGV[i + 2]); i = i + 3
          elseif op == 'A' then
            local hash, order, id = ARGV[i + 1], ARGV[i + 2], ARGV[i + 4]
            if redis.call('HEXISTS', hash, id) == 0 then
              redis.call('ZADD', order, redis.call('INCR', ARGV[i + 3]), id)
            end
            redis.call('HSET', hash, id, ARGV[i + 5])
            local extra = redis.call('ZCARD', order) - tonumber(ARGV[i + 6])
            if extra > 0 then
              for _, old in ipairs(redis.call('ZRANGE', order, 0, extra - 1)) do redis.call('HDEL', hash, old) end
              redis.call('ZREMRANGEBYRANK', order, 0, extra - 1)
            end
            i = i + 7
          elseif op == 'T' then
            local index, retention = ARGV[i + 1], tonumber(ARGV[i + 2])
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
        return 'OK'
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
