#include "dyn_lib.h"

#include <dlfcn.h>

namespace nsx::backend {

DynLib::DynLib(std::initializer_list<const char*> names, bool global)
{
    for (const char* name : names) {
        m_handle = ::dlopen(name, RTLD_NOW | (global ? RTLD_GLOBAL : RTLD_LOCAL));
        if (m_handle) {
            m_error.clear();
            return;
        }
        if (m_error.empty()) // the first (preferred) name's reason
            if (const char* why = ::dlerror())
                m_error = why;
    }
    if (m_error.empty())
        m_error = "no library name to load";
}

DynLib::~DynLib()
{
    // Never dlclose: a library's atexit handlers and thread-locals may outlive this object.
}

void* DynLib::symbol(const char* name)
{
    if (!m_handle)
        return nullptr;
    ::dlerror();
    void* p = ::dlsym(m_handle, name);
    if (!p) {
        const char* why = ::dlerror();
        m_error = why ? why : std::string("missing symbol ") + name;
    }
    return p;
}

} // namespace nsx::backend
