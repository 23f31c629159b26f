// The ctemplate bridge: the only C++ in the project. It turns a Jansson view
// model into a ctemplate dictionary and expands a template into a string,
// which is handed to C only when the whole render succeeded.
#include "core/tmpl.h"

#include <ctemplate/template.h>
#include <ctemplate/template_dictionary.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <sys/stat.h>
#include <vector>

using ctemplate::TemplateDictionary;
using ctemplate::TemplateString;

namespace {

const ctemplate::Strip kStrip = ctemplate::STRIP_BLANK_LINES;
bool g_dev = false;

// A dictionary name whose global id is computed once. ctemplate registers
// every new name in a process-wide map under a lock; model keys repeat on
// every row and request, so each thread keeps its names with their ids.
struct KeyString : TemplateString {
    KeyString(const char *s, size_t n) : TemplateString(s, n) { CacheGlobalId(); }
};

// Catalog strings prefixed once per catalog, so a render only points at them.
struct Strings {
    std::deque<std::string> names;                           // "t_<key>", stable
    std::vector<std::pair<KeyString, std::string>> pairs;    // name with its id, text
};
std::mutex g_strings_lock;
std::map<const json_t *, Strings> g_strings;

const Strings &strings_for(json_t *catalog)
{
    std::lock_guard<std::mutex> guard(g_strings_lock);
    auto it = g_strings.find(catalog);
    if (it != g_strings.end())
        return it->second;
    Strings &s = g_strings[catalog];
    const char *key;
    json_t *value;
    json_object_foreach(catalog, key, value) {
        if (json_is_string(value)) {
            const std::string &n = s.names.emplace_back(std::string("t_") + key);
            s.pairs.emplace_back(KeyString(n.data(), n.size()), json_string_value(value));
        }
    }
    return s;
}

// Names of the model's top-level true flags (can_write, ...). ctemplate
// expands a section found in an outer dictionary with that dictionary, so
// inside a loop row {{#can_write}}{{id}}{{/can_write}} would read the page's
// id; each row therefore shows these flags as sections of its own (unless
// the row has a member of that name).
using Flags = std::vector<std::pair<const char *, TemplateString>>;  // model key, its name

void fill(TemplateDictionary *d, json_t *obj, bool skip_arrays, const Flags &flags);

struct KeyCache {
    std::deque<std::string> storage;   // stable addresses for the views
    std::deque<std::string> overflow;  // names past the bound, for one render
    std::unordered_map<std::string_view, KeyString> names;
};
thread_local KeyCache t_keys;

// The name prefix+key ("no_", "has_" or ""), interned for this thread.
TemplateString name(const char *prefix, const char *key)
{
    char buf[160];
    size_t plen = std::strlen(prefix), klen = std::strlen(key);
    std::string_view view;
    std::string joined;
    if (plen + klen < sizeof buf) {
        std::memcpy(buf, prefix, plen);
        std::memcpy(buf + plen, key, klen);
        view = std::string_view(buf, plen + klen);
    } else {
        joined = std::string(prefix) + key;
        view = joined;
    }
    auto it = t_keys.names.find(view);
    if (it != t_keys.names.end())
        return it->second;
    // Models name their members in code, so the set of names is small; the
    // bound only keeps a mistake from growing without end: past it, names
    // live until the next render starts, without a cached id.
    if (t_keys.names.size() >= 8192) {
        const std::string &kept = t_keys.overflow.emplace_back(view);
        return TemplateString(kept.data(), kept.size());
    }
    const std::string &kept = t_keys.storage.emplace_back(view);
    return t_keys.names.emplace(std::string_view(kept), KeyString(kept.data(), kept.size())).first->second;
}

void set_scalar(TemplateDictionary *d, const TemplateString &key, json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_STRING:
        d->SetValue(key, TemplateString(json_string_value(v), json_string_length(v)));
        break;
    case JSON_INTEGER:
        d->SetIntValue(key, (long)json_integer_value(v));
        break;
    case JSON_REAL:
        d->SetFormattedValue(key, "%g", json_real_value(v));
        break;
    default:
        break;
    }
}

void fill_member(TemplateDictionary *d, const char *key, json_t *v, bool skip_arrays, const Flags &flags)
{
    switch (json_typeof(v)) {
    case JSON_TRUE:
        d->ShowSection(name("", key));
        break;
    case JSON_FALSE:
    case JSON_NULL:
        d->ShowSection(name("no_", key));
        break;
    case JSON_OBJECT:
        fill(d->AddSectionDictionary(name("", key)), v, false, flags);
        break;
    case JSON_ARRAY: {
        if (skip_arrays)
            break;
        if (json_array_size(v) == 0) {
            d->ShowSection(name("no_", key));
            break;
        }
        d->ShowSection(name("has_", key));
        const TemplateString section = name("", key);
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) {
            TemplateDictionary *sub = d->AddSectionDictionary(section);
            for (const auto &flag : flags)
                if (!json_is_object(item) || !json_object_get(item, flag.first))
                    sub->ShowSection(flag.second);
            if (json_is_object(item))
                fill(sub, item, false, flags);
            else
                set_scalar(sub, name("", "value"), item);
        }
        break;
    }
    default:
        set_scalar(d, name("", key), v);
    }
}

void fill(TemplateDictionary *d, json_t *obj, bool skip_arrays, const Flags &flags)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) fill_member(d, key, v, skip_arrays, flags);
}

Flags top_flags(json_t *model)
{
    Flags flags;
    const char *key;
    json_t *v;
    json_object_foreach(model, key, v) if (json_is_true(v)) flags.emplace_back(key, name("", key));
    return flags;
}

// Loads every *.tpl below dir (relative names) so a frozen cache has them all.
bool load_all(const std::string &root, const std::string &rel, std::string *err)
{
    std::string path = rel.empty() ? root : root + "/" + rel;
    DIR *d = opendir(path.c_str());
    if (!d) {
        *err = "cannot open template directory " + path;
        return false;
    }
    bool ok = true;
    while (struct dirent *e = readdir(d)) {
        std::string name = e->d_name;
        if (name[0] == '.')
            continue;
        std::string child = rel.empty() ? name : rel + "/" + name;
        struct stat st;
        if (stat((root + "/" + child).c_str(), &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            ok = load_all(root, child, err) && ok;
        } else if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tpl") == 0) {
            if (!ctemplate::LoadTemplate(child, kStrip)) {
                *err = "template " + child + " does not parse";
                ok = false;
            }
        }
    }
    closedir(d);
    return ok;
}

int finish(const std::string &text, char **out, size_t *outlen)
{
    char *p = static_cast<char *>(std::malloc(text.size() + 1));
    if (!p)
        return -1;
    std::memcpy(p, text.data(), text.size());
    p[text.size()] = '\0';
    *out = p;
    if (outlen)
        *outlen = text.size();
    return 0;
}

// The rows' loop: each row a section dictionary of the page, filled by
// the source; the page's true flags shown in it as for array items.
bool fill_rows(TemplateDictionary *body, const struct tmpl_rows *rows, const Flags &flags)
{
    const TemplateString section = name("", rows->name);
    size_t count = 0;
    for (;;) {
        int rc = rows->step(rows->cls);
        if (rc < 0)
            return false;
        if (rc == 0)
            break;
        TemplateDictionary *sub = body->AddSectionDictionary(section);
        for (const auto &flag : flags)
            sub->ShowSection(flag.second);
        rows->fill(rows->cls, reinterpret_cast<struct tmpl_dict *>(sub));
        count++;
    }
    body->ShowSection(name(count ? "has_" : "no_", rows->name));
    return true;
}

// Shared page parts: a page includes templates/parts/<name>.tpl as
// {{>name}}, filled from the model's member of that name (an object): the
// pager of every list, so every list pages the same way; an activity's
// form fields and the timeline, the same on a company's and a pupil's
// page; the placements on a pupil's, a post's and a company's page. ctemplate gives an included template nothing of the page's
// dictionary but the globals, so a part also gets the page's true flags
// (can_write) and its form problems ("errors").
const char *const kParts[] = { "pager", "activity_form", "timeline", "placement_list" };

void add_parts(TemplateDictionary *body, json_t *model, const Flags &flags)
{
    for (const char *part : kParts) {
        json_t *v = json_object_get(model, part);
        if (!json_is_object(v))
            continue;
        TemplateDictionary *d = body->AddIncludeDictionary(name("", part));
        d->SetFilename(std::string("parts/") + part + ".tpl");
        fill(d, v, false, flags);
        for (const auto &flag : flags)
            d->ShowSection(flag.second);
        if (json_t *errors = json_object_get(model, "errors"))
            fill_member(d, "errors", errors, false, flags);
    }
}

int render(const char *page, bool with_layout, json_t *model, json_t *strings, const struct tmpl_rows *rows,
           char **out, size_t *outlen)
{
    try {
        t_keys.overflow.clear();
        if (g_dev)
            ctemplate::mutable_default_template_cache()->ReloadAllIfChanged(
                ctemplate::TemplateCache::LAZY_RELOAD);
        TemplateDictionary root("root");
        if (strings)
            for (const auto &p : strings_for(strings).pairs)
                root.SetTemplateGlobalValueWithoutCopy(p.first, TemplateString(p.second.data(), p.second.size()));
        std::string text;
        bool ok;
        Flags flags = json_is_object(model) ? top_flags(model) : Flags();
        if (with_layout) {
            if (json_is_object(model))
                fill(&root, model, true, flags);
            TemplateDictionary *body = root.AddIncludeDictionary("BODY");
            body->SetFilename(page);
            if (json_is_object(model)) {
                fill(body, model, false, flags);
                add_parts(body, model, flags);
            }
            if (rows && !fill_rows(body, rows, flags))
                return -1;
            ok = ctemplate::ExpandTemplate("layout.tpl", kStrip, &root, &text);
        } else {
            if (json_is_object(model))
                fill(&root, model, false, flags);
            if (rows && !fill_rows(&root, rows, flags))
                return -1;
            ok = ctemplate::ExpandTemplate(page, kStrip, &root, &text);
        }
        if (!ok)
            return -1;
        return finish(text, out, outlen);
    } catch (...) {
        return -1;
    }
}

} // namespace

extern "C" int tmpl_init(const char *dir, bool dev, char *err, size_t errlen)
{
    try {
        g_dev = dev;
        ctemplate::TemplateCache *cache = ctemplate::mutable_default_template_cache();
        if (!cache->SetTemplateRootDirectory(dir)) {
            std::snprintf(err, errlen, "cannot use template directory %s", dir);
            return -1;
        }
        std::string why;
        if (!load_all(dir, "", &why)) {
            std::snprintf(err, errlen, "%s", why.c_str());
            return -1;
        }
        if (!dev)
            cache->Freeze();
        return 0;
    } catch (...) {
        std::snprintf(err, errlen, "template set-up failed");
        return -1;
    }
}

extern "C" int tmpl_render(const char *page, json_t *model, json_t *strings, char **out, size_t *outlen)
{
    return render(page, true, model, strings, nullptr, out, outlen);
}

extern "C" int tmpl_render_rows(const char *page, json_t *model, json_t *strings, const struct tmpl_rows *rows,
                                char **out, size_t *outlen)
{
    return render(page, true, model, strings, rows, out, outlen);
}

extern "C" int tmpl_render_bare(const char *name, json_t *model, json_t *strings, char **out, size_t *outlen)
{
    return render(name, false, model, strings, nullptr, out, outlen);
}

static TemplateDictionary *dict(struct tmpl_dict *d) { return reinterpret_cast<TemplateDictionary *>(d); }

namespace {
// Rows name their members with strings that live as long as the process
// (declared field names), so their interned names are found by address:
// no hashing of the text for every cell.
struct PtrPair {
    const char *prefix, *key;
    bool operator==(const PtrPair &o) const { return prefix == o.prefix && key == o.key; }
};
struct PtrPairHash {
    size_t operator()(const PtrPair &p) const
    {
        return std::hash<const void *>()(p.key) * 31 + std::hash<const void *>()(p.prefix);
    }
};
thread_local std::unordered_map<PtrPair, TemplateString, PtrPairHash> t_by_address;

TemplateString name_at(const char *prefix, const char *key)
{
    PtrPair k{ prefix, key };
    auto it = t_by_address.find(k);
    if (it != t_by_address.end())
        return it->second;
    // only names interned for good are kept (past name()'s bound they
    // live for one render)
    bool lasting = t_keys.names.size() < 8192;
    TemplateString n = name(prefix, key);
    if (lasting && t_by_address.size() < 4096)
        t_by_address.emplace(k, n);
    return n;
}
} // namespace

extern "C" void tmpl_dict_text(struct tmpl_dict *d, const char *key, const char *s, size_t n)
{
    dict(d)->SetValue(name_at("", key), TemplateString(s, n));
}

extern "C" void tmpl_dict_int(struct tmpl_dict *d, const char *key, long long v)
{
    dict(d)->SetIntValue(name_at("", key), (long)v);
}

extern "C" void tmpl_dict_show(struct tmpl_dict *d, const char *prefix, const char *key)
{
    dict(d)->ShowSection(name_at(prefix, key));
}

extern "C" void tmpl_dict_item(struct tmpl_dict *d, const char *key, const char *s, size_t n)
{
    static const char value[] = "value";
    dict(d)->AddSectionDictionary(name_at("", key))->SetValue(name_at("", value), TemplateString(s, n));
}
