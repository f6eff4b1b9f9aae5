-- wrk script for bench/serve.sh: each request asks /api/search for the next query of a mixed
-- zh/en list (the same kinds as bench/search.py: words, AND, phrases, identifiers, prefixes).
-- The server remembers its last 512 answers, so by default the list is ~1,000 distinct queries
-- (the fixed ones, then every pair of the words below) and nearly every request really searches;
-- `wrk ... -s bench/queries.lua -- repeat` cycles through the fixed ones only (cached answers).
local fixed = {
  {"en", "RoHS"}, {"zh", "回收"}, {"en", "recycling"}, {"zh", "有害物质"}, {"en", "battery"},
  {"zh", "电池 回收"}, {"en", "hazardous substances"}, {"zh", "CE 标志"},
  {"en", '"declaration of conformity"'}, {"zh", '"绿色贸易壁垒"'},
  {"en", "2011/65/EU"}, {"en", "32011L0065"}, {"zh", "GB/T 26572"}, {"en", "ecod*"}, {"zh", "环境*"},
}
local words = {
  "RoHS", "WEEE", "REACH", "CBAM", "ErP", "energy", "label", "packaging", "battery", "recycling",
  "producer", "importer", "declaration", "conformity", "standard", "lead", "cadmium", "carbon",
  "waste", "design", "回收", "电池", "标志", "能效", "包装", "认证", "有害物质", "生产者", "出口", "企业",
  "检测", "标准", "绿色", "环境", "碳", "市场", "产品", "技术", "成本", "法规", "2011/65/EU", "32012L0019",
}

local function encode(text)
  return (text:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function path(lang, q)
  return "/api/search?lang=" .. lang .. "&q=" .. encode(q)
end

local paths = {}
init = function(args)
  for _, q in ipairs(fixed) do paths[#paths + 1] = path(q[1], q[2]) end
  if args[1] == "repeat" then return end
  for i = 1, #words do
    for j = i + 1, #words do
      paths[#paths + 1] = path(i % 2 == 0 and "zh" or "en", words[i] .. " " .. words[j])
    end
  end
end

local n = 0
request = function()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end
