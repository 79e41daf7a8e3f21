--[[
safe.lua: keeps user-written Markdown inside the document.

- Links other than http(s), mailto and in-document anchors (#...) become their text:
  no javascript:, file:, data:, scheme-relative (//host) or relative links. Links that
  leave the document get rel="nofollow noopener noreferrer".
- Images other than the application's own assets (assets/<name>, no "..") become
  their alt text: no local files, no URLs that pandoc or a reader would fetch.
- key=value attributes (onclick, style, custom-style, ...) are removed from every
  element; identifiers and classes stay.
- Raw blocks and inlines are dropped, in case a reader ever produces them.

pandoc's --sandbox stops pandoc itself from reading the allowed assets, so this
filter reads them and puts them in the media bag for the HTML, EPUB, DOCX and ODT
writers.

After the safety filter, a layout filter puts a top-level division of class "landscape"
(the application's Annex C table) on landscape pages in PDF (typst) and DOCX. It adds
only the fixed page-setting code below, after every raw block of the text was dropped.
]]

local MIME_TYPES = {
  svg = "image/svg+xml",
  png = "image/png",
  jpg = "image/jpeg",
  jpeg = "image/jpeg",
  gif = "image/gif",
}

local function is_allowed_link(target)
  local lowered = target:lower()
  return lowered:match("^https?://") ~= nil
    or lowered:match("^mailto:") ~= nil
    or target:sub(1, 1) == "#"
end

local function asset_extension(src)
  if src:find("..", 1, true) then
    return nil
  end
  local extension = src:match("^assets/[%w_%-]+%.(%w+)$")
  return extension and MIME_TYPES[extension:lower()] and extension:lower()
end

local function add_to_media_bag(src, extension)
  local file = io.open(src, "rb")
  if not file then
    return false
  end
  local contents = file:read("a")
  file:close()
  pandoc.mediabag.insert(src, MIME_TYPES[extension], contents)
  return true
end

function Link(link)
  if not is_allowed_link(link.target) then
    return link.content
  end
  link.attributes = {}
  -- A link that leaves the document tells the reader's browser not to pass anything on
  -- (HTML and EPUB writers keep rel; the others ignore it).
  if link.target:sub(1, 1) ~= "#" then
    link.attributes.rel = "nofollow noopener noreferrer"
  end
  return link
end

function Image(image)
  local extension = asset_extension(image.src)
  if not extension or not add_to_media_bag(image.src, extension) then
    return image.caption
  end
  image.attributes = {}
  return image
end

local function without_attributes(element)
  element.attributes = {}
  return element
end

Span = without_attributes
Div = without_attributes
Header = without_attributes
Code = without_attributes
CodeBlock = without_attributes
Table = without_attributes

-- A figure whose only image was refused keeps its text, not an empty figure.
function Figure(figure)
  local has_image = false
  figure.content:walk({ Image = function() has_image = true end })
  if not has_image then
    return figure.content
  end
  return without_attributes(figure)
end

function RawBlock()
  return {}
end

function RawInline()
  return {}
end

local safe = {
  Link = Link, Image = Image, Span = Span, Div = Div, Header = Header, Code = Code,
  CodeBlock = CodeBlock, Table = Table, Figure = Figure, RawBlock = RawBlock,
  RawInline = RawInline,
}

-- Page margins of the reference document's section, for the DOCX landscape section.
local function reference_margins()
  local path = PANDOC_WRITER_OPTIONS.reference_doc
  local file = path and io.open(path, "rb")
  if not file then
    return '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417"/>'
  end
  local archive = pandoc.zip.Archive(file:read("a"))
  file:close()
  for _, entry in ipairs(archive.entries) do
    if entry.path == "word/document.xml" then
      local margins = entry:contents():match("<w:pgMar[^>]*/>")
      if margins then
        return margins
      end
    end
  end
  return '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417"/>'
end

local function section_end(landscape, margins)
  local size = landscape and '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
    or '<w:pgSz w:w="11906" w:h="16838"/>'
  return pandoc.RawBlock("openxml",
    "<w:p><w:pPr><w:sectPr>" .. size .. margins .. "</w:sectPr></w:pPr></w:p>")
end

local function landscape(division)
  if FORMAT == "typst" then
    return {pandoc.RawBlock("typst", "#set page(flipped: true)"), division,
            pandoc.RawBlock("typst", "#set page(flipped: false)")}
  elseif FORMAT == "docx" then
    -- A section's properties sit at its end: close the portrait part, then the landscape one.
    local margins = reference_margins()
    return {section_end(false, margins), division, section_end(true, margins)}
  end
  return {division}
end

local layout = {
  Pandoc = function(doc)
    local blocks = pandoc.List()
    for _, block in ipairs(doc.blocks) do
      if block.t == "Div" and block.classes:includes("landscape") then
        blocks:extend(landscape(block))
      else
        blocks:insert(block)
      end
    end
    doc.blocks = pandoc.Blocks(blocks)
    return doc
  end,
}

return {safe, layout}
