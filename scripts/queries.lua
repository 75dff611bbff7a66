-- wrk script: rotates through the request paths listed one per line in the
-- file given after "--" on the wrk command line, e.g.
--
--   wrk -t2 -c16 -d20s --latency -s scripts/queries.lua http://127.0.0.1:8080 -- paths.txt
--
-- Each line is a path with its query string already URL-encoded
-- (/api/search?q=%E4%BA%BA%E6%89%8D&size=10). scripts/loadtest.sh writes
-- the files from the dev query set.

local paths = {}
local counter = 0
local threads = 0

function setup(thread)
  -- Give each thread its own starting point, so the connections do not all
  -- ask the same query at the same moment.
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  local file = args[1]
  if file == nil then
    error("queries.lua: give the file of request paths after --")
  end
  for line in io.lines(file) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("queries.lua: no request paths in " .. file)
  end
  counter = (tonumber(offset) or 0) * 7919
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
