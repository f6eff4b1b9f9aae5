-- wrk script for bench/serve.sh: each request asks /api/search for the next query of a mixed
-- zh/en list (the same kinds as bench/search.py: words, AND, phrases, identifiers, prefixes).
local queries = {
  {"en", "RoHS"}, {"zh", "回收"}, {"en", "recycling"}, {"zh", "有害物质"}, {"en", "battery"},
  {"zh", "电池 回收"}, {"en", "hazardous substances"}, {"zh", "CE 标志"},
  {"en", '"declaration of conformity"'}, {"zh", '"绿色贸易壁垒"'},
  {"en", "2011/65/EU"}, {"en", "32011L0065"}, {"zh", "GB/T 26572"}, {"en", "ecod*"}, {"zh", "环境*"},
}

local function encode(text)
  return (text:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local paths = {}
for i, q in ipairs(queries) do
  paths[i] = "/api/search?lang=" .. q[1] .. "&q=" .. encode(q[2])
end

local n = 0
request = function()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end
