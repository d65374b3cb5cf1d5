"""Reads an HTML report with a real HTML5 parser (html5lib, strict: any parse error
fails) and prints its structure as JSON for ReportTests.swift; or, with --colours,
prints how many distinct colours a PNG screenshot has (pypng)."""
import json
import sys


def structure(path):
    import html5lib
    with open(path, "rb") as page:
        document = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)

    def local(tag):
        return tag.split("}")[-1] if isinstance(tag, str) else ""

    def text(element):
        return "".join(element.itertext())

    every = list(document.iter())
    sections = []
    for section in document.iter("section"):
        heading = section.find("h2")
        sections.append({
            "id": section.get("id"),
            "class": section.get("class"),
            "heading": text(heading) if heading is not None else None,
            "svgs": sum(1 for e in section.iter() if local(e.tag) == "svg"),
            "images": [e.get("src", "")[:22] for e in section.iter("img")],
            "outputs": [text(e) for e in section.iter("pre") if e.get("class") == "output"],
            "links": [e.get("href") for e in section.iter("a")],
        })
    banner = [e for e in document.iter("p") if e.get("class") == "banner"]
    return {
        "title": text(document.find(".//h1")),
        "sections": sections,
        "banner_links": [a.get("href") for b in banner for a in b.iter("a")],
        "scripts": sum(1 for e in every if local(e.tag) == "script"),
        "event_attributes": sorted({k for e in every for k in e.attrib if k.lower().startswith("on")}),
        "contents": [a.get("href") for nav in document.iter("nav") for a in nav.iter("a")],
        "provenance": [text(e) for e in document.iter("dt")],
    }


def colours(path):
    import png
    _, _, rows, info = png.Reader(filename=path).asRGBA8()
    seen = set()
    for row in rows:
        seen.update(zip(row[0::4], row[1::4], row[2::4]))
        if len(seen) > 50:
            break
    return {"colours": len(seen), "width": info.get("size", (0, 0))[0]}


if __name__ == "__main__":
    if sys.argv[1] == "--colours":
        print(json.dumps(colours(sys.argv[2])))
    else:
        print(json.dumps(structure(sys.argv[1])))
