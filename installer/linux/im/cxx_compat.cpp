// libfazhi-cxxcompat.so.1: the two C++ runtime entry points that Debian 13's fcitx5-qt
// binaries (built with GCC 14) call and that older libstdc++ lacks: Kylin V10 and Debian 11
// have GCC 9/10's (GLIBCXX_3.4.28, CXXABI_1.3.12). add_to_bundle.sh marks those two version
// needs weak in the plugin and makes it need this library; where the system's libstdc++ is new
// enough, its own definitions are found first and these are never used.
#include <exception>
#include <new>

extern "C" [[noreturn]] void __cxa_call_terminate(void *) noexcept {
    // GCC 14 calls this when an exception leaves a noexcept function: end as it would
    std::terminate();
}

namespace std {
[[noreturn]] void __throw_bad_array_new_length() { throw std::bad_array_new_length(); }
}  // namespace std

// Qt 6.8.0 (the ARM64 bundle's line: later 6.8 aarch64 wheels need glibc 2.39) does not export
// QWindowSystemInterface::handleContextMenuEvent<DefaultDelivery>, which the plugin, built on
// Qt 6.8.2, calls when an input method forwards the Menu key. Where Qt has it (6.8.2 and later,
// the x86_64 bundle's 6.9) Qt's own is found first; on 6.8.0 this answers "not handled", so the
// forwarded Menu key opens no context menu, as in Qt 6.8.0 itself.
extern "C" bool fazhi_qt680_handleContextMenuEvent(void *, bool, const void *, const void *, int)
    __asm__("_ZN22QWindowSystemInterface22handleContextMenuEventINS_15DefaultDeliveryEEEbP7QWindowbRK6QPointS6_6QFlagsIN2Qt16KeyboardModifierEE");
extern "C" bool fazhi_qt680_handleContextMenuEvent(void *, bool, const void *, const void *, int) {
    return false;
}
