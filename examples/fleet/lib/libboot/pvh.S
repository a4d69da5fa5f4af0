// The boot layer's entry: QEMU starts a PVH kernel (an ELF with a
// XEN_ELFNOTE_PHYS32_ENTRY note) in 32-bit protected mode with paging off and
// %ebx pointing at the hvm_start_info. We identity-map the first GiB with
// 2 MiB pages, enter long mode and call boot_main(start_info) on our stack.

#define CR0_PE    0x00000001
#define CR0_PG    0x80000000
#define CR4_PAE   0x00000020
#define MSR_EFER  0xc0000080
#define EFER_LME  0x00000100
#define PTE_P_RW  0x003
#define PDE_2M    0x083  /* present, writable, 2 MiB page */

	// QEMU reads the entry address as 8 bytes after the 4-aligned name.
	.section .note.pvh, "a", @note
	.p2align 2
	.long 4            // name size ("Xen\0")
	.long 8            // descriptor size
	.long 18           // XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.quad boot_entry32

	.text
	.code32
	.globl boot_entry32
	.type boot_entry32, @function
boot_entry32:
	cli
	cld
	movl %ebx, %esi                 // start info, for boot_main

	movl $boot_pdpt, %eax
	orl $PTE_P_RW, %eax
	movl %eax, boot_pml4
	movl $boot_pd, %eax
	orl $PTE_P_RW, %eax
	movl %eax, boot_pdpt
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $21, %eax
	orl $PDE_2M, %eax
	movl %eax, boot_pd(,%ecx,8)
	incl %ecx
	cmpl $512, %ecx
	jb 1b

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_PE), %eax
	movl %eax, %cr0
	lgdt boot_gdt_pointer
	ljmp $0x08, $boot_entry64
	.size boot_entry32, . - boot_entry32

	.code64
boot_entry64:
	movl $0x10, %eax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movw %ax, %fs
	movw %ax, %gs
	movq $boot_stack_top, %rsp
	xorl %ebp, %ebp
	movl %esi, %edi                 // boot_main(start_info)
	call boot_main
2:	cli
	hlt
	jmp 2b

	.section .rodata
	.p2align 3
boot_gdt:
	.quad 0                         // null
	.quad 0x00209a0000000000        // 0x08: 64-bit code
	.quad 0x00cf92000000ffff        // 0x10: flat data
boot_gdt_end:
boot_gdt_pointer:
	.word boot_gdt_end - boot_gdt - 1
	.long boot_gdt

	.bss
	.p2align 12
boot_pml4:
	.skip 4096
boot_pdpt:
	.skip 4096
boot_pd:
	.skip 4096
boot_stack:
	.skip 65536
boot_stack_top:
