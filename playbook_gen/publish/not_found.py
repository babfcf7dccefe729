"""The 404 page, made to work wherever the site is served.

MkDocs renders `404.html` with URLs from the server's root (`/assets/…`, `/skills/`),
because a web server shows that one file at any missing address, at any depth. With
`site_url` set, MkDocs puts its path in front (`/playbook/assets/…`) and the page works
under that sub-path. Without it, the page only works at the domain's root: under
`https://intranet/playbook/`, its styles, scripts and every link lead outside the site.

So when `site_url` is not set, the written page finds the site's root itself: the first
folder of the missing address (or of the page the reader came from) that is one of the
site's top-level folders (`skills`, `stages`, …) starts the site, else the server's root
(MkDocs' own guess). A `<base>` element set to that root before anything loads, and URLs
made relative, put every style, script and link there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

NOT_FOUND = "404.html"

_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
_ROOTED = re.compile(r'\b(href|src)="/(?!/)')
_FETCHED = re.compile(
    r'<link\b[^>]*\bhref="/(?!/)[^>]*>|<script\b[^>]*\bsrc="/(?!/)[^>]*></script>'
)
"""Tags whose URL the browser fetches ahead of the parser (its preload scanner), before
any script has set the root: written by a script instead, once the root is known."""
_SCOPE = '__md_scope=new URL("/",location)'
_CONFIG_END = re.compile(r'(<script id="__config" type="application/json">.*?</script>)', re.S)

# Runs before any URL in the page is read: the root is the part of the address before
# its first top-level folder of the site (the referrer's, when the address has none).
_FIND_ROOT = """<script data-pb-root>(function(){var top=__TOP__;function root(url){\
var parts=url.pathname.split("/");for(var i=1;i<parts.length-1;i++){\
if(top.indexOf(decodeURIComponent(parts[i]))>=0)return parts.slice(0,i).join("/")+"/"}\
return null}var came=null;try{var from=new URL(document.referrer);\
if(from.origin===location.origin)came=root(from)}catch(e){}\
document.write('<base href="'+(root(location)||came||"/").replace(/"/g,"%22")+'">')})()</script>"""

# Material's bundle resolves its config's URLs against the address, not `<base>`.
_FIX_CONFIG = """<script>(function(c){var j=JSON.parse(c.textContent);j.base=document.baseURI;\
if(j.search)j.search=new URL(j.search,document.baseURI).href;\
c.textContent=JSON.stringify(j)})(document.getElementById("__config"))</script>"""


def top_folders(site_dir: Path) -> list[str]:
    """The site's top-level folders, sorted: the first one in an address starts the site."""
    return sorted(entry.name for entry in site_dir.iterdir() if entry.is_dir())


def portable(page: str, folders: list[str]) -> str:
    """`page` (MkDocs' 404 written for the server's root) working under any sub-path."""
    if "<script data-pb-root>" in page:
        return page
    names = json.dumps(folders).replace("</", "<\\/")
    found = _CHARSET.search(page)
    at = found.end() if found else page.index("<head>") + len("<head>")
    page = page[:at] + _FIND_ROOT.replace("__TOP__", names) + page[at:]
    page = _FETCHED.sub(lambda m: _written(_ROOTED.sub(r'\1="', m.group(0))), page)
    page = _ROOTED.sub(r'\1="', page)
    page = page.replace(_SCOPE, '__md_scope=new URL(".",document.baseURI)')
    page = page.replace('"search": "/', '"search": "')
    return _CONFIG_END.sub(lambda m: m.group(1) + _FIX_CONFIG, page, count=1)


def _written(tag: str) -> str:
    """`tag` written by a script: the preload scanner does not read it."""
    return "<script>document.write(" + json.dumps(tag).replace("</", "<\\/") + ")</script>"


def write_portable_404(site_dir: Path, site_url: str | None) -> None:
    """Rewrite the built site's 404 page to find its root, unless `site_url` tells MkDocs
    where the site is (then MkDocs' own page is right)."""
    path = site_dir / NOT_FOUND
    if site_url or not path.is_file():
        return
    path.write_text(portable(path.read_text(encoding="utf-8"), top_folders(site_dir)), "utf-8")
