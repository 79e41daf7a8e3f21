--[[
anchors.lua: a link to a heading (or any element) the document does not have becomes
its text, so an export never fails on it (typst refuses a reference to a missing label).
Runs after safe.lua, on the identifiers that remain.
]]

local function collect(ids)
  local function add(element)
    if element.identifier and element.identifier ~= "" then
      ids[element.identifier] = true
    end
  end
  return { Header = add, Div = add, Span = add, Code = add, CodeBlock = add, Link = add,
           Image = add, Table = add, Figure = add }
end

function Pandoc(doc)
  local ids = {}
  doc:walk(collect(ids))
  return doc:walk({
    Link = function(link)
      local target = link.target
      if target:sub(1, 1) == "#" and not ids[target:sub(2)] then
        return link.content
      end
    end,
  })
end
