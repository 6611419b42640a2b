/*
 * The only C++ of disclose: a C bridge to ctemplate.  A struct tdict is
 * an opaque handle on a ctemplate::TemplateDictionary.  Templates are
 * read by the caller and registered under their file names; every one
 * of them starts with an AUTOESCAPE pragma, so ctemplate escapes each
 * variable for the context it stands in.  Nothing here throws into C.
 */
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>

#include <ctemplate/per_expand_data.h>
#include <ctemplate/template.h>
#include <ctemplate/template_dictionary.h>
#include <ctemplate/template_emitter.h>
#include <ctemplate/template_modifiers.h>

extern "C" {
#include "disclose.h"
#include "extern.h"
}

using ctemplate::StaticTemplateString;
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

/*
 * The name of a variable or section, with its id.  ctemplate hashes a
 * name given as plain text each time it is used, and files it in its
 * table of names under a lock that every thread takes: tens of times a
 * page.  A name given with its id skips both.  So each name is filed
 * once, as the static names of ctemplate's generated headers are, kept
 * for the life of the program (ctemplate's table keeps them too), and
 * each thread remembers the names it used, by their text.
 */
struct NameHash {
	size_t operator()(const char *s) const
	{
		size_t	 h = 14695981039346656037ULL;

		for (; *s != '\0'; s++)
			h = (h ^ static_cast<unsigned char>(*s)) *
			    1099511628211ULL;
		return h;
	}
};

struct NameEq {
	bool operator()(const char *a, const char *b) const
	{
		return std::strcmp(a, b) == 0;
	}
};

typedef std::unordered_map<const char *, const StaticTemplateString *,
    NameHash, NameEq> Names;

static const StaticTemplateString *
filed(const char *name)
{
	static std::mutex	 lock;
	static Names		*all = new Names;
	thread_local Names	 seen;
	StaticTemplateString	*sts;
	char			*copy;
	size_t			 len;

	auto it = seen.find(name);
	if (it != seen.end())
		return it->second;
	{
		std::lock_guard<std::mutex>	 g(lock);

		auto at = all->find(name);
		if (at != all->end())
			sts = const_cast<StaticTemplateString *>(at->second);
		else {
			len = std::strlen(name);
			if ((copy = static_cast<char *>(
			    std::malloc(len + 1))) == nullptr)
				oom();
			std::memcpy(copy, name, len + 1);
			sts = new StaticTemplateString{ { copy, len, 0 } };
			/* Sets the id and files the name. */
			ctemplate::StaticTemplateStringInitializer file(sts);
			all->emplace(copy, sts);
		}
	}
	seen.emplace(sts->do_not_use_directly_.ptr_, sts);
	return sts;
}

static TemplateString
N(const char *name)
{
	return TemplateString(*filed(name));
}

/*
 * The modifiers that number a page's notes as the page is expanded, so
 * that the numbers follow the page whatever order its theme puts things
 * in: {{G:x-note}} is the number of the note on ground G (an index of
 * the policy's grounds), the next one the first time G is seen;
 * {{G:x-note-ref}} is the number of this reference to G among all the
 * references of the page.  The page's struct notes comes with the
 * expansion (tmpl_expand_notes); without it both write nothing.  They
 * write digits only, safe in any context.
 */
class NoteModifier : public ctemplate::TemplateModifier {
public:
	explicit NoteModifier(bool ref) : ref_(ref) {}
	void Modify(const char *in, size_t inlen,
	    const ctemplate::PerExpandData *per,
	    ctemplate::ExpandEmitter *out, const std::string &arg) const
	    override;
private:
	bool	 ref_;
};

void
NoteModifier::Modify(const char *in, size_t inlen,
    const ctemplate::PerExpandData *per, ctemplate::ExpandEmitter *out,
    const std::string &) const
{
	struct notes	*n;
	size_t		 g = 0, i;

	if (per == nullptr || (n = static_cast<struct notes *>(
	    const_cast<void *>(per->LookupForModifiers("notes")))) ==
	    nullptr)
		return;
	for (i = 0; i < inlen; i++) {
		if (in[i] < '0' || in[i] > '9' || g > n->n)
			return;
		g = g * 10 + (size_t)(in[i] - '0');
	}
	if (inlen == 0 || g >= n->n)
		return;
	if (n->num[g] == 0)
		n->num[g] = ++n->next;
	if (ref_) {
		n->refs++;
		if (n->first[g] == 0)
			n->first[g] = n->refs;
		out->Emit(std::to_string(n->refs));
	} else
		out->Emit(std::to_string(n->num[g]));
}

static NoteModifier	 note_number(false), note_ref(true);

/* Register a template's text under name.  Returns 0 if it does not parse. */
extern "C" int
tmpl_load(const char *name, const char *text, size_t len)
{
	static bool	 modifiers;

	try {
		if (!modifiers) {
			ctemplate::AddXssSafeModifier("x-note", &note_number);
			ctemplate::AddXssSafeModifier("x-note-ref", &note_ref);
			modifiers = true;
		}
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
		D(d)->SetValue(N(var), val == NULL ? "" : val);
	} catch (const std::bad_alloc &) {
		oom();
	}
}

extern "C" void
tmpl_set_int(struct tdict *d, const char *var, long val)
{
	try {
		D(d)->SetIntValue(N(var), val);
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
		D(d)->ShowSection(N(section));
	} catch (const std::bad_alloc &) {
		oom();
	}
}

/* One more expansion of a section; the parent owns the result. */
extern "C" struct tdict *
tmpl_section(struct tdict *d, const char *section)
{
	try {
		return H(D(d)->AddSectionDictionary(N(section)));
	} catch (const std::bad_alloc &) {
		oom();
	}
}

/* Fill the include {{>var}} with the template name; the parent owns it. */
extern "C" struct tdict *
tmpl_include(struct tdict *d, const char *var, const char *name)
{
	try {
		TemplateDictionary *sub = D(d)->AddIncludeDictionary(N(var));

		sub->SetFilename(name);
		return H(sub);
	} catch (const std::bad_alloc &) {
		oom();
	}
}

/*
 * Expand a registered template, appending to out, with the notes of the
 * page that its x-note modifiers number (NULL: none).  Returns 0 on
 * error.
 */
extern "C" int
tmpl_expand_notes(const char *name, const struct tdict *d,
    struct notes *notes, struct buf *out)
{
	try {
		std::string			 s;
		ctemplate::PerExpandData	 per;

		if (notes != NULL) {
			notes->refs = 0;
			per.InsertForModifiers("notes", notes);
		}
		if (!ctemplate::ExpandWithData(name,
		    ctemplate::STRIP_BLANK_LINES, CD(d), &per, &s))
			return 0;
		buf_put(out, s.data(), s.size());
		return 1;
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
