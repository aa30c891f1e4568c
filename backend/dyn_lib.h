// A shared library opened on first use (dlopen) instead of at start-up: libcurl (the engines'
// APIs, only where an engine socket exists) and Graphviz (the network map, only for the map).
// Linked normally, the two and their dependencies (TLS, Kerberos, LDAP, ICU-free but many) were
// more than half of nsexplorer-cli's start-up, paid by every command (issue 17). Headers still
// come from the -dev packages at build time; the libraries are looked up by soname at run time.
#pragma once

#include <initializer_list>
#include <string>

namespace nsx::backend {

class DynLib
{
public:
    // Opens the first of names that loads (RTLD_NOW, RTLD_LOCAL unless global).
    explicit DynLib(std::initializer_list<const char*> names, bool global = false);
    ~DynLib();
    DynLib(const DynLib&) = delete;
    DynLib& operator=(const DynLib&) = delete;

    bool loaded() const { return m_handle != nullptr; }
    // Why loading or the last bind() failed, one line ("libcurl.so.4: cannot open ...").
    const std::string& error() const { return m_error; }

    // Sets out to the symbol's address; false (and error()) when it is missing.
    template <typename F> bool bind(F*& out, const char* name)
    {
        out = reinterpret_cast<F*>(symbol(name));
        return out != nullptr;
    }

private:
    void* symbol(const char* name);

    void* m_handle = nullptr;
    std::string m_error;
};

} // namespace nsx::backend
