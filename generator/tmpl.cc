/*
 * The only C++ of disclose: a C bridge to ctemplate.  A struct tdict is
 * an opaque handle on a ctemplate::TemplateDictionary.  Templates are
 * read by the caller and registered under their file names; every one
 * of them starts with an AUTOESCAPE pragma, so ctemplate escapes each
 * variable for the context it stands in.  Nothing here throws into C.
 */
#include <cstdio>
#include <cstdlib>
#include <map>
#include <new>
#include <string>

#include <ctemplate/template.h>
#include <ctemplate/template_dictionary.h>

extern "C" {
#include "disclose.h"
#include "extern.h"
}

using ctemplate::TemplateDictionary;
using ctemplate::TemplateString;

static TemplateDictionary *
D(struct tdict *d)
{
	return reinterpret_cast<TemplateDictionary *>(d);
}

static const TemplateDictionary *
CD(const struct tdict *d)
{
	return reinterpret_cast<const TemplateDictionary *>(d);
}

static struct tdict *
H(TemplateDictionary *d)
{
	return reinterpret_cast<struct tdict *>(d);
}

[[noreturn]] static void
oom(void)
{
	std::fputs("disclose: out of memory\n", stderr);
	std::abort();
}

/* Register a template's text under name.  Returns 0 if it does not parse. */
extern "C" int
tmpl_load(const char *name, const char *text, size_t len)
{
	try {
		return ctemplate::StringToTemplateCache(name,
		    TemplateString(text, len), ctemplate::STRIP_BLANK_LINES);
	} catch (const std::bad_alloc &) {
		oom();
	}
}

/* Forget every registered template (and the memory they hold). */
extern "C" void
tmpl_clear(void)
{
	ctemplate::mutable_default_template_cache()->ClearCache();
}

extern "C" struct tdict *
tmpl_dict_new(const char *name)
{
	try {
		return H(new TemplateDictionary(name));
	} catch (const std::bad_alloc &) {
		oom();
	}
}

extern "C" void
tmpl_dict_free(struct tdict *d)
{
	delete D(d);
}

/* Set a variable; the dictionary keeps a copy of the value. */
extern "C" void
tmpl_set(struct tdict *d, const char *var, const char *val)
{
	try {
		D(d)->SetValue(var, val == NULL ? "" : val);
	} catch (const std::bad_alloc &) {
		oom();
	}
}

extern "C" void
tmpl_set_int(struct tdict *d, const char *var, long val)
{
	try {
		D(d)->SetIntValue(var, val);
	} catch (const std::bad_alloc &) {
		oom();
	}
}

/*
 * A value seen by every dictionary and every template.  ctemplate keeps
 * the memory of a global value it replaces, so a value is set again only
 * when it changed (a preview builds many times in one process).
 */
extern "C" void
tmpl_set_global(const char *var, const char *val)
{
	static std::map<std::string, std::string>	 set;

	try {
		std::string	 v(val == NULL ? "" : val);
		auto		 it = set.find(var);

		if (it != set.end() && it->second == v)
			return;
		set[var] = v;
		TemplateDictionary::SetGlobalValue(var, v);
	} catch (const std::bad_alloc &) {
		oom();
	}
}

extern "C" void
tmpl_show(struct tdict *d, const char *section)
{
	try {
		D(d)->ShowSection(section);
	} catch (const std::bad_alloc &) {
		oom();
	}
}

/* One more expansion of a section; the parent owns the result. */
extern "C" struct tdict *
tmpl_section(struct tdict *d, const char *section)
{
	try {
		return H(D(d)->AddSectionDictionary(section));
	} catch (const std::bad_alloc &) {
		oom();
	}
}

/* Fill the include {{>var}} with the template name; the parent owns it. */
extern "C" struct tdict *
tmpl_include(struct tdict *d, const char *var, const char *name)
{
	try {
		TemplateDictionary *sub = D(d)->AddIncludeDictionary(var);

		sub->SetFilename(name);
		return H(sub);
	} catch (const std::bad_alloc &) {
		oom();
	}
}

/* Expand a registered template, appending to out.  Returns 0 on error. */
extern "C" int
tmpl_expand(const char *name, const struct tdict *d, struct buf *out)
{
	try {
		std::string	 s;

		if (!ctemplate::ExpandTemplate(name,
		    ctemplate::STRIP_BLANK_LINES, CD(d), &s))
			return 0;
		buf_put(out, s.data(), s.size());
		return 1;
	} catch (const std::bad_alloc &) {
		oom();
	}
}
