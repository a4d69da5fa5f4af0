// libsched: sched_switch(from, to) saves the callee-saved registers and the
// stack pointer into *from and resumes the context saved in *to. A new
// thread's stack is prepared (sched.c) so the first switch "returns" into
// sched_trampoline with the thread's entry in %rbx.
	.text
	.globl sched_switch
	.type sched_switch, @function
sched_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq (%rsi), %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size sched_switch, . - sched_switch

	.globl sched_trampoline
	.type sched_trampoline, @function
sched_trampoline:
	movq %r12, %rdi
	call *%rbx
	call sched_exit_current
	ud2
	.size sched_trampoline, . - sched_trampoline
