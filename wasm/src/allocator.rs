//! The module's allocator: free lists by power-of-two size class over pages taken from the
//! WebAssembly memory, which never shrinks. A freed block goes back to its class's list and is
//! handed out again; blocks are never split or merged. The module's allocations are a few
//! strings and vectors per call, and the same sizes come back call after call, so memory stays
//! at what the largest call needed, and the code is a fraction of dlmalloc's.
//!
//! WebAssembly modules run on one thread (this one has no threads), so the lists need no lock.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;

/// The size of a WebAssembly memory page.
const PAGE: usize = 65_536;

/// Free lists by size class: the first free block of `1 << class` bytes, or 0. A free block
/// holds the address of the next one.
struct FreeLists(UnsafeCell<[usize; usize::BITS as usize]>);

// SAFETY: the module runs on one thread.
unsafe impl Sync for FreeLists {}

#[global_allocator]
static FREE_LISTS: FreeLists = FreeLists(UnsafeCell::new([0; usize::BITS as usize]));

/// The size class of a layout: the smallest power of two that holds it, aligned (at least a
/// word, for the free list's link).
fn class(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(size_of::<usize>());
    (usize::BITS - (size - 1).leading_zeros()) as usize
}

unsafe impl GlobalAlloc for FreeLists {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let class = class(layout);
        // SAFETY: one thread, and no other reference to the lists lives across this call.
        let lists = unsafe { &mut *self.0.get() };
        if lists[class] != 0 {
            let block = lists[class];
            // SAFETY: a free block holds the address of the next.
            lists[class] = unsafe { *(block as *const usize) };
            return block as *mut u8;
        }
        // New pages: the first block is the answer, the rest of the pages go to the list.
        let block = 1usize << class;
        let pages = block.div_ceil(PAGE);
        let start = core::arch::wasm32::memory_grow(0, pages);
        if start == usize::MAX {
            return std::ptr::null_mut();
        }
        let start = start * PAGE;
        let mut rest = start + block;
        while rest + block <= start + pages * PAGE {
            // SAFETY: the block lies in the pages just added, which nothing else uses.
            unsafe { *(rest as *mut usize) = lists[class] };
            lists[class] = rest;
            rest += block;
        }
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let class = class(layout);
        // SAFETY: as in alloc; `ptr` is a block of this class that its owner gives back.
        let lists = unsafe { &mut *self.0.get() };
        unsafe { *(ptr as *mut usize) = lists[class] };
        lists[class] = ptr as usize;
    }
}
