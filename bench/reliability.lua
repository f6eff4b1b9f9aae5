-- wrk script for bench/reliability.sh: /api/search with mixed zh/en queries (a few hostile ones among
-- them), answers counted by status in every thread; done() prints one RESULT line the script reads.
-- The page number cycles 1..40 so the server's per-build answer cache (512 answers) cannot answer:
-- every request runs a real search.
local queries = {
  {"zh", "铅 镉 限量"}, {"en", "hazardous substances"}, {"zh", "废弃电器电子设备回收"}, {"en", "RoHS"},
  {"zh", "CE标志"}, {"en", "ecodesign requirements"}, {"zh", "碳边境调节机制"}, {"en", "battery passport"},
  {"zh", "绿色贸易壁垒"}, {"en", "2011/65/EU"}, {"en", "32012L0019"}, {"zh", "GB/T 26572"},
  {"en", "energy label"}, {"zh", "包装 回收"}, {"en", "REACH SVHC"}, {"en", "declaration of conformity"},
  {"en", "recylcing"}, {"en", "ecod*"}, {"zh", "环境*"}, {"en", "[a TO]"}, {"en", "lead~ AND (cadmium OR"},
  {"en", "title:rohs type:regulation"}, {"zh", string.rep("绿色", 200)}, {"en", string.rep("leed ", 300)},
}

local function encode(text)
  return (text:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local paths = {}
for page = 1, 40 do
  for _, q in ipairs(queries) do
    paths[#paths + 1] = "/api/search?lang=" .. q[1] .. "&page=" .. page .. "&q=" .. encode(q[2])
  end
end

local threads = {}

function setup(thread)
  thread:set("offset", #threads * 97)  -- threads start at different places in the list
  table.insert(threads, thread)
end

function init(args)
  n, ok, failed, fivexx = offset, 0, 0, 0
end

function request()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else failed = failed + 1 end
  if status >= 500 then fivexx = fivexx + 1 end
end

function done(summary, latency, requests)
  local failed, fivexx = 0, 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failed")
    fivexx = fivexx + thread:get("fivexx")
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d non2xx=%d status5xx=%d socket_errors=%d p50_ms=%.0f p99_ms=%.0f\n",
    summary.requests, failed, fivexx, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
