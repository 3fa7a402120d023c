// The Lua scripts that keep a budget in Redis. Each runs atomically on Redis and reads Redis's own
// clock (TIME), so every worker counts on one clock whatever its own says, and no worker can see
// a window half-updated by another.
//
// A budget's window is a sorted set of slots, one per call, each scored with the time (ms on
// Redis's clock) at which it leaves the window: while a slot is unused or its call is in flight,
// a provisional time a lease ahead; once the call is answered, the time the service can have
// counted it plus the window. A slot is given only while fewer than the limit are in the window.
//
// Workers pass times as ages ("counted 40 ms before this request left"), never as their own clock
// readings: the script adds them to its own now, which is later than the moment the worker
// measured from, so every time it stores errs late, on the side that keeps to the limit.

/** Effects replication, for Redis 5 and older (a no-op from 7 on): writes after TIME are allowed. */
const PREAMBLE = `if redis.replicate_commands then pcall(redis.replicate_commands) end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)`;

/**
 * RESERVE: reports on earlier slots, then up to `want` new slots: free ones now, and ones that will
 * be free when the oldest slots leave, each valid from then. A slot given ahead is paired with one
 * that leaves before it is valid: the window holds more slots than the limit only by slots not yet
 * valid, each waiting for its own pair to leave, so no more than the limit are ever counted at once.
 * A slot still held by a call in flight cannot be paired (when it leaves is not known yet).
 *
 * KEYS[1]: the window; KEYS[2]: the fastest round trip to the service any worker saw in the last
 * minute. ARGV: limit, spanMs, leaseMs, want, member prefix, first sequence number, this worker's
 * fastest round trip (ms, or empty), then reports of three fields each (kind, member, ms):
 *   c  counted: the call was counted `ms` ago; the slot leaves `ms` before now + span
 *   l  lease: the call is still in flight; its provisional time moves a lease ahead
 *   r  release: the slot was not used
 *   a  add: a call made while Redis was away (`ms` ago, or still in flight when `ms` is empty)
 * Returns { missing, fastestMs, validIn... }: missing counts reported slots that were not there
 * (the window was evicted or flushed); fastestMs is every worker's fastest round trip (-1 when none
 * is known); then for each slot given (named prefix..first, prefix..first+1, ...), in how many ms
 * it is valid.
 */
export const RESERVE = `${PREAMBLE}
local key = KEYS[1]
local limit, span, lease, want = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local prefix, first = ARGV[5], tonumber(ARGV[6])
local fastest = tonumber(redis.call('GET', KEYS[2]) or '-1')
if ARGV[7] ~= '' and (fastest < 0 or tonumber(ARGV[7]) < fastest) then
  fastest = tonumber(ARGV[7])
  redis.call('SET', KEYS[2], ARGV[7], 'PX', 60000)
end
local missing = 0
for i = 8, #ARGV, 3 do
  local kind, member, ms = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if kind == 'r' then
    redis.call('ZREM', key, member)
  elseif kind == 'a' then
    redis.call('ZADD', key, ms == '' and now + span + lease or now - tonumber(ms) + span, member)
  elseif redis.call('ZSCORE', key, member) then
    redis.call('ZADD', key, kind == 'l' and now + span + lease or now - tonumber(ms) + span, member)
  else
    missing = missing + 1
  end
end
redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
local used = redis.call('ZCARD', key)
local answer = { missing, fastest }
local free = math.max(0, math.min(want, limit - used))
for n = 1, free do answer[#answer + 1] = 0 end
if want > free then
  -- The oldest slots beyond those already paired (one per slot over the limit), while settled.
  local paired = math.max(0, used - limit)
  local oldest = redis.call('ZRANGE', key, paired, paired + want - free - 1, 'WITHSCORES')
  for n = 2, #oldest, 2 do
    local at = tonumber(oldest[n])
    if at > now + span then break end
    answer[#answer + 1] = at - now
  end
end
local slots = {}
for n = 3, #answer do
  slots[#slots + 1] = now + answer[n] + span + lease
  slots[#slots + 1] = prefix .. (first + n - 3)
end
if #slots > 0 then redis.call('ZADD', key, unpack(slots)) end
if used + #slots > 0 then redis.call('PEXPIRE', key, span + lease + 1000) end
return answer`;

/**
 * HOURLY: an hour-long budget (a few calls an hour, so one round trip a call).
 *
 * KEYS[1]: the hour's places, scored with when they were taken (ms, Redis's clock). ARGV: limit,
 * hourMs, op, member. op `take` takes a place or returns { 0, msUntilOneFrees }; `sent` moves it to
 * now (its call left); `back` gives it back (the attempt cannot have been counted).
 */
export const HOURLY = `${PREAMBLE}
local key = KEYS[1]
local limit, hour, op, member = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4]
if op == 'back' then
  redis.call('ZREM', key, member)
  return { 1, 0 }
end
if op == 'sent' then
  redis.call('ZADD', key, 'XX', now, member)
  return { 1, 0 }
end
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - hour)
local used = redis.call('ZCARD', key)
if used >= limit then
  local oldest = redis.call('ZRANGE', key, used - limit, used - limit, 'WITHSCORES')
  return { 0, tonumber(oldest[2]) + hour - now }
end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, hour + 60000)
return { 1, 0 }`;
